//! The app rendered to HTML with Yew's server renderer: what a user sees on first load,
//! without a browser.
#![cfg(not(target_arch = "wasm32"))]

use rollplan_app::ui::app::{App, AppProps};
use rollplan_app::ui::state::View;
use rollplan_core::example::{example_plan, OBJECTIVES, OUTPUTS};

async fn render_view(plan: Option<rollplan_core::model::Plan>, view: View) -> String {
    yew::ServerRenderer::<App>::with_props(move || AppProps {
        plan,
        view: Some(view),
    })
    .render()
    .await
}

async fn render(plan: Option<rollplan_core::model::Plan>) -> String {
    render_view(plan, View::Linkage).await
}

/// The whole opening tag of the element carrying `attr`.
fn tag_with<'a>(html: &'a str, attr: &str) -> &'a str {
    let at = html
        .find(attr)
        .unwrap_or_else(|| panic!("{attr} is rendered"));
    let start = html[..at].rfind('<').unwrap_or(0);
    let end = at + html[at..].find('>').unwrap_or(0);
    &html[start..=end]
}

#[tokio::test(flavor = "current_thread")]
async fn the_app_opens_on_the_resources_grid_with_named_totals_that_spread() {
    let html = yew::ServerRenderer::<App>::new().render().await;
    assert!(tag_with(&html, r#"aria-label="Resource requirements""#).contains(r#"role="grid""#));
    // The first output's travel line, named by output, line and year, then the figure it
    // shows; editable.
    let line = tag_with(
        &html,
        r#"aria-label="Output 1.1, Representation missions, 2012: 420,000""#,
    );
    assert!(
        line.contains(r#"role="gridcell""#) && !line.contains("aria-readonly"),
        "{line}"
    );
    // The output's total and its objective's subtotal are computed, and take typing: a
    // total typed there is spread over the figures beneath (so not read-only).
    for name in ["Output 1.1, 2012", "Objective O1 total, 2012"] {
        let tag = tag_with(&html, &format!(r#"aria-label="{name}: "#));
        assert!(
            !tag.contains("aria-readonly") && tag.contains("spreadable"),
            "{tag}"
        );
    }
    // What cannot be typed into says so: an objective's type cell.
    let tag = tag_with(&html, r#"aria-label="Objective O1 total, type""#);
    assert!(tag.contains(r#"aria-readonly="true""#), "{tag}");
    let head = tag_with(&html, r#"aria-label="Output 1.1, description""#);
    assert!(head.contains(r#"role="rowheader""#), "{head}");
    // Figures with thousands separators.
    assert!(html.contains(">420,000<"));
}

#[tokio::test(flavor = "current_thread")]
async fn the_app_opens_on_the_example_plan_as_an_outputs_by_objectives_matrix() {
    let html = render(None).await;
    let plan = example_plan();
    assert!(html.contains("Rollplan"));
    assert!(html.contains(&plan.title), "the header names the plan");
    for (title, _) in OBJECTIVES {
        assert!(html.contains(title), "objective {title} is shown");
    }
    for (code, title, _, _) in OUTPUTS {
        let escaped = title.replace('\'', "&#39;");
        assert!(
            html.contains(&escaped) || html.contains(title),
            "output {code} is shown"
        );
    }
    // Table 7.1 has exactly one X per output.
    let marks = html.matches(r#"class="mark-btn on">X</button>"#).count();
    assert_eq!(marks, OUTPUTS.len());
    // The illustrative figures are labelled as such.
    assert!(html.contains("illustrative"));
    // The period total of the example is shown with thousands separators.
    assert!(html.contains("345,118,244"), "period total is rendered");
}

#[tokio::test(flavor = "current_thread")]
async fn a_plan_whose_shares_do_not_add_up_is_flagged() {
    let mut plan = example_plan();
    let o1 = plan.objectives[0].id;
    plan.outputs[0].links[0].share =
        rollplan_core::model::Share::Percent(rust_decimal::Decimal::from(60));
    assert_eq!(plan.outputs[0].links[0].objective, o1);
    let html = render(Some(plan)).await;
    assert_eq!(html.matches("shares \u{2260} 100 %").count(), 1);
    assert!(html.contains("60 %"));
}
