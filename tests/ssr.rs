//! The app rendered to HTML with Yew's server renderer: what a user sees on first load,
//! without a browser.
#![cfg(not(target_arch = "wasm32"))]

use rollplan::core::example::{example_plan, OBJECTIVES, OUTPUTS};
use rollplan::ui::app::{App, AppProps};

async fn render(plan: Option<rollplan::core::model::Plan>) -> String {
    yew::ServerRenderer::<App>::with_props(move || AppProps { plan })
        .render()
        .await
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
        rollplan::core::model::Share::Percent(rust_decimal::Decimal::from(60));
    assert_eq!(plan.outputs[0].links[0].objective, o1);
    let html = render(Some(plan)).await;
    assert_eq!(html.matches("shares \u{2260} 100 %").count(), 1);
    assert!(html.contains("60 %"));
}
