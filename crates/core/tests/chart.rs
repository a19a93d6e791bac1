//! Charts read like a person drew them: round ticks, a short legend.

use rollplan_core::calc::{Figures, RollupRow};
use rollplan_core::reports::chart::{segments, short, ticks};
use rust_decimal::Decimal;

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

fn labels(max: &str) -> Vec<String> {
    ticks(d(max), 4).into_iter().map(short).collect()
}

#[test]
fn ticks_are_round_numbers_that_cover_the_tallest_bar() {
    // The example's tallest year, 89.2M, gave 22.3M, 44.6M, ... before.
    assert_eq!(
        labels("89234567.89"),
        ["0", "20M", "40M", "60M", "80M", "100M"]
    );
    assert_eq!(labels("172000000"), ["0", "50M", "100M", "150M", "200M"]);
    assert_eq!(labels("7300"), ["0", "2k", "4k", "6k", "8k"]);
    assert_eq!(labels("1000"), ["0", "200", "400", "600", "800", "1k"]);
    assert_eq!(labels("1001"), ["0", "250", "500", "750", "1k", "1.25k"]);
    assert_eq!(labels("3"), ["0", "1", "2", "3"]);
    assert_eq!(labels("0.4"), ["0", "0.1", "0.2", "0.3", "0.4"]);
    assert_eq!(
        labels("41000000000"),
        ["0", "10bn", "20bn", "30bn", "40bn", "50bn"]
    );
    assert_eq!(ticks(Decimal::ZERO, 4), [Decimal::ZERO]);
    assert_eq!(ticks(d("-5"), 4), [Decimal::ZERO]);
    // The top tick is never below the maximum.
    for max in ["1", "9.99", "12345", "99999999", "100000001", "2.5"] {
        let t = ticks(d(max), 4);
        assert!(*t.last().unwrap() >= d(max), "{max}: {t:?}");
        assert!(t.len() <= 6, "{max}: {t:?}");
    }
    assert_eq!(short(d("-2500000")), "-2.5M");
}

fn row(code: &str, years: &[i64]) -> RollupRow {
    let years: Vec<Decimal> = years.iter().map(|v| Decimal::from(*v)).collect();
    RollupRow {
        code: code.into(),
        title: format!("Objective {code}"),
        figures: Figures {
            period: years.iter().sum(),
            biennia: vec![],
            years,
        },
    }
}

#[test]
fn a_chart_of_many_rows_keeps_the_largest_and_adds_up_the_rest() {
    // Few rows: each its own segment, in order.
    let few: Vec<RollupRow> = (1..=9).map(|k| row(&format!("O{k}"), &[k, k])).collect();
    let s = segments(&few, 8).unwrap();
    assert_eq!(s.len(), 9);
    assert!(s.iter().all(|s| s.rows == 1));
    // 183 outcomes: the 8 largest by period cost, in the table's order, and one "others".
    let many: Vec<RollupRow> = (0..183i64)
        .map(|k| row(&format!("U{k}"), &[(k * 37) % 101, 1]))
        .collect();
    let s = segments(&many, 8).unwrap();
    assert_eq!(s.len(), 9);
    let mut largest: Vec<(Decimal, usize)> = many
        .iter()
        .enumerate()
        .map(|(k, r)| (r.figures.period, k))
        .collect();
    largest.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let mut want: Vec<usize> = largest[..8].iter().map(|(_, k)| *k).collect();
    want.sort_unstable();
    let got: Vec<String> = s[..8].iter().map(|s| s.code.clone()).collect();
    let want: Vec<String> = want.iter().map(|k| format!("U{k}")).collect();
    assert_eq!(got, want);
    assert_eq!(s[8].title, "175 others");
    assert_eq!(s[8].rows, 175);
    // Nothing is lost: every year adds up to the same total as the rows.
    for y in 0..2 {
        let all: Decimal = many.iter().map(|r| r.figures.years[y]).sum();
        let drawn: Decimal = s.iter().map(|s| s.years[y]).sum();
        assert_eq!(drawn, all, "year {y}");
    }
}
