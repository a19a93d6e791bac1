//! The proposal workspace: a delegate's cost items from templates, the unit rates, and the
//! statement of financial implications (printable, exportable, applicable as a scenario).
//! Every change is one `SetProposal` edit, so undo works as everywhere else.

use super::value_input::ValueInput;
use super::AppContext;
use crate::ui::files;
use crate::ui::state::Action;
use crate::ui::state::{EditAction, SayAction};
use rollplan_core::document::commands;
use rollplan_core::edit::Edit;
use rollplan_core::io::{csv as csv_io, json};
use rollplan_core::model::{CostItem, Proposal, RateKind, Template, TemplateKind};
use rollplan_core::model::{Owner, Plan, ProposalId};
use rollplan_core::numfmt::format_amount;
use rollplan_core::reports::statement::{self, Statement, StatementRow};
use rollplan_core::sheet::{CellKey, ItemFigure, Target};
use rust_decimal::Decimal;
use yew::prelude::*;

#[function_component(ProposalView)]
pub fn proposal_view() -> Html {
    let ctx = use_context::<AppContext>().expect("ProposalView is rendered inside the app context");
    let chosen = use_state(|| None::<ProposalId>);
    let add_kind = use_state(|| TemplateKind::Meeting);
    // The statement prices the whole plan with the proposal added: once per change of
    // the plan (the proposal lives in it), not on every render.
    let st = {
        let ctx = ctx.clone();
        use_memo(
            (ctx.doc.session, ctx.doc.generation, *chosen),
            move |(_, _, chosen)| {
                let doc = ctx.doc.borrow();
                let plan = doc.plan();
                let current = chosen
                    .and_then(|id| plan.proposals.iter().find(|p| p.id == id))
                    .or(plan.proposals.first())?;
                Some(statement::statement(doc.engine(), current))
            },
        )
    };
    let doc = ctx.doc.borrow();
    let plan = doc.plan();
    let current = (*chosen)
        .and_then(|id| plan.proposals.iter().find(|p| p.id == id))
        .or(plan.proposals.first())
        .cloned();

    let create = {
        let ctx = ctx.clone();
        let chosen = chosen.clone();
        Callback::from(move |_: MouseEvent| {
            let (edit, id) = {
                let doc = ctx.doc.borrow();
                let plan = doc.plan();
                let n = plan.proposals.len() + 1;
                let title = if n == 1 {
                    "New proposal".to_string()
                } else {
                    format!("New proposal {n}")
                };
                (
                    commands::create_proposal(plan, &title),
                    ProposalId(plan.next_id),
                )
            };
            ctx.dispatch(Action::Edit(EditAction::Apply(edit)));
            chosen.set(Some(id));
        })
    };
    let Some(prop) = current else {
        return html! {
            <section class="panel proposal" aria-labelledby="prop-title">
                <div class="panel-head">
                    <h2 id="prop-title">{"Proposal costing"}</h2>
                    <p class="panel-sub">{"Estimate what a proposal would cost: add meetings, documents, posts, travel and other items, each for an objective or output and for the years it falls in. The statement of financial implications follows as you type."}</p>
                </div>
                <p class="pad"><button class="tool primary" onclick={create}>{"New proposal"}</button></p>
            </section>
        };
    };
    let Some(st) = (*st).clone() else {
        return html! {};
    };

    let set = {
        let ctx = ctx.clone();
        move |p: Proposal| {
            ctx.dispatch(Action::Edit(EditAction::Apply(Edit::SetProposal(
                Box::new(p),
            ))))
        }
    };
    let retitle = {
        let set = set.clone();
        let prop = prop.clone();
        let ctx = ctx.clone();
        Callback::from(move |e: Event| {
            if let Some(i) = e.target_dyn_into::<web_sys::HtmlInputElement>() {
                let t = i.value().trim().to_string();
                if t.is_empty() {
                    i.set_value(&prop.title);
                    ctx.dispatch(Action::Say(SayAction::Tell(
                        "A proposal needs a title; the title is unchanged.".into(),
                    )));
                } else {
                    let mut p = prop.clone();
                    p.title = t;
                    set(p);
                }
            }
        })
    };
    let choose = {
        let chosen = chosen.clone();
        Callback::from(move |e: Event| {
            let v = super::select_value(&e);
            chosen.set(v.parse().ok().map(ProposalId));
        })
    };
    let remove = {
        let ctx = ctx.clone();
        let id = prop.id;
        let chosen = chosen.clone();
        Callback::from(move |_: MouseEvent| {
            chosen.set(None);
            ctx.dispatch(Action::Edit(EditAction::Apply(Edit::RemoveProposal {
                proposal: id,
            })));
            ctx.dispatch(Action::Say(SayAction::Tell(
                "The proposal was deleted. Undo (Ctrl+Z) brings it back.".into(),
            )));
        })
    };
    let apply = {
        let ctx = ctx.clone();
        let id = prop.id;
        Callback::from(move |_: MouseEvent| {
            ctx.dispatch(Action::Edit(EditAction::ApplyProposal(id)))
        })
    };
    let pick_kind = {
        let add_kind = add_kind.clone();
        Callback::from(move |e: Event| {
            let v = super::select_value(&e);
            add_kind.set(TemplateKind::from_key(&v).unwrap_or(TemplateKind::Meeting));
        })
    };
    let add = {
        let set = set.clone();
        let prop = prop.clone();
        let kind = *add_kind;
        let ctx = ctx.clone();
        Callback::from(move |_: MouseEvent| {
            let doc = ctx.doc.borrow();
            let plan = doc.plan();
            let Some(first) = plan.objectives.first().map(|o| Owner::Objective(o.id)) else {
                drop(doc);
                ctx.dispatch(Action::Say(SayAction::Tell("Add an objective to the plan first: every item is assigned to an objective or output.".into())));
                return;
            };
            let mut p = prop.clone();
            p.add_item(plan, kind, first);
            drop(doc);
            set(p);
        })
    };

    let items = prop.items.iter().enumerate().map(|(k, item)| {
        let row = st.as_ref().ok().and_then(|s| s.items.get(k)).cloned();
        html! { <ItemRow proposal={prop.clone()} index={k} key={item.id}
        years={row.as_ref().map(|r| r.years.clone()).unwrap_or_default()}
        total={row.map(|r| r.total)} /> }
    });
    let rates = RateKind::ALL.into_iter().map(|kind| {
        let rate = prop.rates.get(kind);
        let key = CellKey::of(Target::ProposalRate(prop.id, kind));
        html! {
            <tr>
                <th scope="row">{ kind.label() }</th>
                <td class="num"><ValueInput key_={key} value={Some(rate.amount)} label={kind.label()} inline=true /></td>
                <td>if rate.illustrative { <span class="badge illustrative">{"Illustrative default"}</span> } else { <span class="badge">{"Entered"}</span> }</td>
            </tr>
        }
    });
    let print = Callback::from(|_: MouseEvent| {
        let _ = gloo::utils::window().print();
    });
    let export = |json_out: bool| {
        let st = st.clone();
        let title = prop.title.clone();
        Callback::from(move |_: MouseEvent| {
            if let Ok(st) = &st {
                if json_out {
                    files::download(
                        &files::file_name(&title, "-financial-implications.json"),
                        "application/json",
                        &json::statement_json(st),
                    );
                } else {
                    files::download(
                        &files::file_name(&title, "-financial-implications.csv"),
                        "text/csv",
                        &format!("\u{feff}{}", csv_io::statement_csv(st)),
                    );
                }
            }
        })
    };

    html! {
        <div class="proposal">
            <section class="panel no-print" aria-labelledby="prop-title">
                <div class="panel-head head-row">
                    <div>
                        <h2 id="prop-title">{"Proposal costing"}</h2>
                        <p class="panel-sub">{"Each item is costed from its template and the unit rates below, for an objective or output, in every year ticked: quantities are per year (24 work-months in two ticked years cost 48). Documents are charged for their target languages; the original is not counted."}</p>
                    </div>
                    <div class="head-tools">
                        if plan.proposals.len() > 1 {
                            <select onchange={choose} aria-label="Proposal">
                                { for plan.proposals.iter().map(|p| html! {
                                    <option value={p.id.0.to_string()} selected={p.id == prop.id}>{ &p.title }</option>
                                }) }
                            </select>
                        }
                        <button class="tool" onclick={create}>{"New proposal"}</button>
                        <button class="tool danger" onclick={remove}>{"Delete proposal"}</button>
                    </div>
                </div>
                <div class="pad prop-head">
                    <label class="tool-label" for="prop-name">{"Proposal"}</label>
                    <input id="prop-name" class="name-input wide" value={prop.title.clone()} onchange={retitle} />
                </div>
                <div class="x-scroll">
                <table class="list items" aria-label="Cost items">
                    <thead><tr>
                        <th scope="col">{"Item"}</th>
                        <th scope="col">{"Figures"}</th>
                        <th scope="col">{"For"}</th>
                        <th scope="col">{"Years"}</th>
                        <th scope="col" class="num">{"Cost"}</th>
                        <th scope="col"><span class="sr-only">{"Remove"}</span></th>
                    </tr></thead>
                    <tbody>{ for items }</tbody>
                </table>
                </div>
                if prop.items.is_empty() {
                    <p class="hint pad">{"No items yet: pick a template and add one."}</p>
                }
                <div class="pad add-item">
                    <label class="tool-label">{"Template "}
                        <select onchange={pick_kind} aria-label="Template of the new item">
                            { for TemplateKind::ALL.into_iter().map(|k| html! {
                                <option value={k.key()} selected={*add_kind == k}>{ k.label() }</option>
                            }) }
                        </select>
                    </label>
                    <button class="tool primary" onclick={add}>{"Add item"}</button>
                </div>
            </section>
            <section class="panel no-print" aria-labelledby="rates-title">
                <div class="panel-head">
                    <h2 id="rates-title">{"Unit rates"}</h2>
                    <p class="panel-sub">{ format!("In {}. The defaults are illustrative, not any organisation's published rates: replace them with yours. Posts are costed at the plan's standard costs.", plan.currency) }</p>
                </div>
                <table class="rollup rates" aria-label="Unit rates">
                    <tbody>{ for rates }</tbody>
                </table>
            </section>
            { match &st {
                Ok(st) => html! {
                    <section class="panel statement" aria-labelledby="stmt-title">
                        <div class="panel-head head-row">
                            <div>
                                <h2 id="stmt-title">{ format!("Statement of financial implications: {}", st.title) }</h2>
                                <p class="panel-sub">{ format!("{} \u{b7} amounts in {}", plan.title, st.currency) }</p>
                            </div>
                            <div class="head-tools no-print">
                                <button class="tool" onclick={print}>{"Print"}</button>
                                <button class="tool" onclick={export(false)}>{"Export CSV"}</button>
                                <button class="tool" onclick={export(true)}>{"Export JSON"}</button>
                                <button class="tool primary" onclick={apply} disabled={prop.items.is_empty()}>{"Apply to plan as a scenario"}</button>
                            </div>
                        </div>
                        <StatementView st={st.clone()} dp={plan.dp()} />
                    </section>
                },
                Err(e) => html! { <p class="message" role="alert">{ format!("The statement could not be computed: {e}.") }</p> },
            } }
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct StatementProps {
    st: Statement,
    /// The plan's display precision.
    dp: u32,
}

#[function_component(StatementView)]
fn statement_view(p: &StatementProps) -> Html {
    let st = &p.st;
    let dp = p.dp;
    let years = || {
        st.years
            .iter()
            .map(|y| html! { <th scope="col" class="num">{ y }</th> })
    };
    let money = |v: &Decimal| html! { <td class="num">{ format_amount(*v, dp) }</td> };
    let summary = |caption: &str, rows: &[StatementRow]| {
        html! {
            <table class="rollup stmt" aria-label={caption.to_string()}>
                <caption>{ caption }</caption>
                <thead><tr><th scope="col" class="corner"></th>{ for years() }<th scope="col" class="num">{"Total"}</th></tr></thead>
                <tbody>
                    { for rows.iter().map(|r| html! {
                        <tr><th scope="row"><span class="code">{ &r.code }</span>{ &r.title }</th>
                            { for r.years.iter().map(money) }{ money(&r.total) }</tr>
                    }) }
                </tbody>
                <tfoot><tr class="r-total"><th scope="row">{"Total"}</th>{ for st.total.years.iter().map(money) }{ money(&st.total.total) }</tr></tfoot>
            </table>
        }
    };
    html! {
        <div class="pad">
            if st.illustrative {
                <p class="note-inline">{"Some rates used are illustrative defaults: replace them under Unit rates before quoting these figures."}</p>
            }
            if !st.problems.is_empty() {
                <ul class="problems" role="alert">{ for st.problems.iter().map(|p| html! { <li>{ p }</li> }) }</ul>
            }
            <table class="rollup stmt" aria-label="Cost items and their formulas">
                <caption>{"Cost items"}</caption>
                <thead><tr>
                    <th scope="col" class="corner">{"Item"}</th>
                    <th scope="col">{"Formula"}</th>
                    { for years() }
                    <th scope="col" class="num">{"Total"}</th>
                </tr></thead>
                <tbody>
                    { for st.items.iter().map(|i| html! {
                        <tr>
                            <th scope="row">{ format!("{}. {}", i.id, i.description) }
                                <div class="small muted">{ format!("{} \u{b7} {}", i.assigned, i.category) }</div></th>
                            <td class="formula">{ &i.formula }</td>
                            { for i.years.iter().map(money) }{ money(&i.total) }
                        </tr>
                    }) }
                </tbody>
                <tfoot><tr class="r-total"><th scope="row" colspan="2">{"Total"}</th>{ for st.total.years.iter().map(money) }{ money(&st.total.total) }</tr></tfoot>
            </table>
            { summary("By objective (items for an output are split by its shares)", &st.by_objective) }
            { summary("By cost category", &st.by_category) }
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct ItemProps {
    proposal: Proposal,
    index: usize,
    years: Vec<Decimal>,
    total: Option<Decimal>,
}

#[function_component(ItemRow)]
fn item_row(p: &ItemProps) -> Html {
    let ctx = use_context::<AppContext>().expect("ItemRow is rendered inside the app context");
    let doc = ctx.doc.borrow();
    let plan: &Plan = doc.plan();
    let dp = plan.dp();
    let item = &p.proposal.items[p.index];
    let update = {
        let ctx = ctx.clone();
        let prop = p.proposal.clone();
        let k = p.index;
        move |f: &dyn Fn(&mut CostItem)| {
            let mut next = prop.clone();
            f(&mut next.items[k]);
            ctx.dispatch(Action::Edit(EditAction::Apply(Edit::SetProposal(
                Box::new(next),
            ))));
        }
    };
    let (proposal, number) = (p.proposal.id, item.id);
    let num = |label: &'static str, value: Decimal, figure: ItemFigure| {
        let key = CellKey::of(Target::ProposalItem(proposal, number, figure));
        html! {
            <span class="fig"><span aria-hidden="true">{ label }</span>
                <ValueInput key_={key} value={Some(value)} label={label} inline=true /></span>
        }
    };
    let figures = match &item.template {
        Template::Meeting {
            days,
            languages,
            interpreters,
        } => html! { <>
            { num("days a year", *days, ItemFigure::Days) }
            { num("languages", *languages, ItemFigure::Languages) }
            { num("interpreters per booth", *interpreters, ItemFigure::Interpreters) }
        </> },
        Template::Documents { pages, languages } => html! { <>
            { num("pages a year", *pages, ItemFigure::Pages) }
            { num("target languages", *languages, ItemFigure::Languages) }
        </> },
        Template::Posts { grade, months } => {
            let update = update.clone();
            let grades = plan.grades.clone();
            let on_grade = Callback::from(move |e: Event| {
                let v = super::select_value(&e);
                if let Some(g) = grades.iter().find(|g| g.code == v) {
                    let id = g.id;
                    update(&|i| {
                        if let Template::Posts { grade, .. } = &mut i.template {
                            *grade = id
                        }
                    });
                }
            });
            html! { <>
                <label class="fig">{"grade"}
                    <select onchange={on_grade} aria-label="grade">
                        { for plan.grades.iter().map(|g| html! { <option value={g.code.clone()} selected={g.id == *grade}>{ &g.code }</option> }) }
                    </select>
                </label>
                { num("work-months a year", *months, ItemFigure::Months) }
            </> }
        }
        Template::Travel { trips } => num("trips a year", *trips, ItemFigure::Trips),
        Template::Other { category, amount } => {
            let update = update.clone();
            let cats = plan.categories.clone();
            let on_cat = Callback::from(move |e: Event| {
                let v = super::select_value(&e);
                if let Some(c) = cats.iter().find(|c| c.code == v) {
                    let id = c.id;
                    update(&|i| {
                        if let Template::Other { category, .. } = &mut i.template {
                            *category = id
                        }
                    });
                }
            });
            html! { <>
                <label class="fig">{"category"}
                    <select onchange={on_cat} aria-label="category">
                        { for plan.categories.iter().map(|c| html! { <option value={c.code.clone()} selected={c.id == *category}>{ &c.name }</option> }) }
                    </select>
                </label>
                { num("amount per year", *amount, ItemFigure::Amount) }
            </> }
        }
    };
    let describe = {
        let update = update.clone();
        Callback::from(move |e: Event| {
            if let Some(i) = e.target_dyn_into::<web_sys::HtmlInputElement>() {
                let text = i.value();
                update(&|it| it.description = text.trim().to_string());
            }
        })
    };
    let assign = {
        let update = update.clone();
        Callback::from(move |e: Event| {
            let v = super::select_value(&e);
            let owner = match v.split_once(':') {
                Some(("o", id)) => id
                    .parse()
                    .ok()
                    .map(|id| Owner::Objective(rollplan_core::model::ObjectiveId(id))),
                Some(("p", id)) => id
                    .parse()
                    .ok()
                    .map(|id| Owner::Output(rollplan_core::model::OutputId(id))),
                _ => None,
            };
            if let Some(owner) = owner {
                update(&|it| it.owner = owner);
            }
        })
    };
    let owner_value = match item.owner {
        Owner::Objective(id) => format!("o:{}", id.0),
        Owner::Output(id) => format!("p:{}", id.0),
    };
    let years = plan.years.iter().enumerate().map(|(y, label)| {
        let update = update.clone();
        let on = item.years.get(y).copied().unwrap_or(false);
        let toggle = Callback::from(move |_: Event| {
            update(&|it| {
                it.years.resize(it.years.len().max(y + 1), false);
                it.years[y] = !on;
            })
        });
        html! { <label class="check"><input type="checkbox" checked={on} onchange={toggle}
        aria-label={format!("Item {} in {label}", item.id)} />{ label }</label> }
    });
    let remove = {
        let ctx = ctx.clone();
        let prop = p.proposal.clone();
        let k = p.index;
        Callback::from(move |_: MouseEvent| {
            let mut next = prop.clone();
            next.items.remove(k);
            ctx.dispatch(Action::Edit(EditAction::Apply(Edit::SetProposal(
                Box::new(next),
            ))));
        })
    };
    let cost = p.total.map_or_else(String::new, |t| format_amount(t, dp));
    html! {
        <tr>
            <td>
                <div class="small muted">{ format!("{}. {}", item.id, item.template.kind().label()) }</div>
                <input class="name-input" value={item.description.clone()} onchange={describe}
                    aria-label={format!("Description of item {}", item.id)} />
            </td>
            <td class="figs">{ figures }</td>
            <td>
                <select onchange={assign} aria-label={format!("Item {} is for", item.id)} class="owner">
                    <optgroup label="Objectives">
                        { for plan.objectives.iter().map(|o| { let v = format!("o:{}", o.id.0); html! {
                            <option selected={v == owner_value} value={v.clone()}>{ format!("{} {}", o.code, o.title) }</option> } }) }
                    </optgroup>
                    <optgroup label="Outputs">
                        { for plan.outputs.iter().map(|o| { let v = format!("p:{}", o.id.0); html! {
                            <option selected={v == owner_value} value={v.clone()}>{ format!("{} {}", o.code, o.title) }</option> } }) }
                    </optgroup>
                </select>
            </td>
            <td class="years">{ for years }</td>
            <td class="num" aria-label={format!("Cost of item {}", item.id)}>{ cost }</td>
            <td><button class="tool danger small" onclick={remove} aria-label={format!("Remove item {}", item.id)}>{"\u{d7}"}</button></td>
        </tr>
    }
}
