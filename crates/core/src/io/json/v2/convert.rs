//! Version 2 read into the live model and the live model written as version 2, field by
//! field and variant by variant: a change to the model that version 2 cannot say fails to
//! compile here, rather than silently changing what a version-2 file means.
//!
//! Longer than most files (about 1,000 lines) for a reason: it spells out every type of
//! the file format, one conversion each way, with nothing hidden in a macro, so a reader
//! sees exactly how each field of a version-2 file reaches the model.

use super::*;
use crate::io::json::conv::{Freeze, Thaw};
use crate::model as live;

impl Thaw<live::GoalId> for GoalId {
    fn thaw(self) -> live::GoalId {
        live::GoalId(self.0)
    }
}
impl Freeze<GoalId> for live::GoalId {
    fn freeze(&self) -> GoalId {
        GoalId(self.0)
    }
}

impl Thaw<live::ObjectiveId> for ObjectiveId {
    fn thaw(self) -> live::ObjectiveId {
        live::ObjectiveId(self.0)
    }
}
impl Freeze<ObjectiveId> for live::ObjectiveId {
    fn freeze(&self) -> ObjectiveId {
        ObjectiveId(self.0)
    }
}

impl Thaw<live::OutputId> for OutputId {
    fn thaw(self) -> live::OutputId {
        live::OutputId(self.0)
    }
}
impl Freeze<OutputId> for live::OutputId {
    fn freeze(&self) -> OutputId {
        OutputId(self.0)
    }
}

impl Thaw<live::LineId> for LineId {
    fn thaw(self) -> live::LineId {
        live::LineId(self.0)
    }
}
impl Freeze<LineId> for live::LineId {
    fn freeze(&self) -> LineId {
        LineId(self.0)
    }
}

impl Thaw<live::UnitId> for UnitId {
    fn thaw(self) -> live::UnitId {
        live::UnitId(self.0)
    }
}
impl Freeze<UnitId> for live::UnitId {
    fn freeze(&self) -> UnitId {
        UnitId(self.0)
    }
}

impl Thaw<live::GradeId> for GradeId {
    fn thaw(self) -> live::GradeId {
        live::GradeId(self.0)
    }
}
impl Freeze<GradeId> for live::GradeId {
    fn freeze(&self) -> GradeId {
        GradeId(self.0)
    }
}

impl Thaw<live::CategoryId> for CategoryId {
    fn thaw(self) -> live::CategoryId {
        live::CategoryId(self.0)
    }
}
impl Freeze<CategoryId> for live::CategoryId {
    fn freeze(&self) -> CategoryId {
        CategoryId(self.0)
    }
}

impl Thaw<live::IncomeId> for IncomeId {
    fn thaw(self) -> live::IncomeId {
        live::IncomeId(self.0)
    }
}
impl Freeze<IncomeId> for live::IncomeId {
    fn freeze(&self) -> IncomeId {
        IncomeId(self.0)
    }
}

impl Thaw<live::CeilingId> for CeilingId {
    fn thaw(self) -> live::CeilingId {
        live::CeilingId(self.0)
    }
}
impl Freeze<CeilingId> for live::CeilingId {
    fn freeze(&self) -> CeilingId {
        CeilingId(self.0)
    }
}

impl Thaw<live::ResultId> for ResultId {
    fn thaw(self) -> live::ResultId {
        live::ResultId(self.0)
    }
}
impl Freeze<ResultId> for live::ResultId {
    fn freeze(&self) -> ResultId {
        ResultId(self.0)
    }
}

impl Thaw<live::KpiId> for KpiId {
    fn thaw(self) -> live::KpiId {
        live::KpiId(self.0)
    }
}
impl Freeze<KpiId> for live::KpiId {
    fn freeze(&self) -> KpiId {
        KpiId(self.0)
    }
}

impl Thaw<live::RiskId> for RiskId {
    fn thaw(self) -> live::RiskId {
        live::RiskId(self.0)
    }
}
impl Freeze<RiskId> for live::RiskId {
    fn freeze(&self) -> RiskId {
        RiskId(self.0)
    }
}

impl Thaw<live::ScenarioId> for ScenarioId {
    fn thaw(self) -> live::ScenarioId {
        live::ScenarioId(self.0)
    }
}
impl Freeze<ScenarioId> for live::ScenarioId {
    fn freeze(&self) -> ScenarioId {
        ScenarioId(self.0)
    }
}

impl Thaw<live::ProposalId> for ProposalId {
    fn thaw(self) -> live::ProposalId {
        live::ProposalId(self.0)
    }
}
impl Freeze<ProposalId> for live::ProposalId {
    fn freeze(&self) -> ProposalId {
        ProposalId(self.0)
    }
}

impl Thaw<live::Plan> for Plan {
    fn thaw(self) -> live::Plan {
        live::Plan {
            title: self.title.thaw(),
            organisation: self.organisation.thaw(),
            currency: self.currency.thaw(),
            amount_unit: self.amount_unit.thaw(),
            note: self.note.thaw(),
            cents: self.cents,
            years: self.years.thaw(),
            grades: self.grades.thaw(),
            categories: self.categories.thaw(),
            staff_category: self.staff_category.thaw(),
            standard_costs: self.standard_costs.thaw(),
            goals: self.goals.thaw(),
            objectives: self.objectives.thaw(),
            units: self.units.thaw(),
            outputs: self.outputs.thaw(),
            income: self.income.thaw(),
            ceilings: self.ceilings.thaw(),
            results: self.results.thaw(),
            kpis: self.kpis.thaw(),
            risks: self.risks.thaw(),
            scenarios: self.scenarios.thaw(),
            proposals: self.proposals.thaw(),
            next_id: self.next_id.thaw(),
            // Version 2 has none: the file's lists beside the plan (version 3) set them.
            notes: Vec::new(),
            expressions: Vec::new(),
            history: live::History::default(),
        }
    }
}
impl Freeze<Plan> for live::Plan {
    fn freeze(&self) -> Plan {
        Plan {
            title: self.title.freeze(),
            organisation: self.organisation.freeze(),
            currency: self.currency.freeze(),
            amount_unit: self.amount_unit.freeze(),
            note: self.note.freeze(),
            cents: self.cents,
            years: self.years.freeze(),
            grades: self.grades.freeze(),
            categories: self.categories.freeze(),
            staff_category: self.staff_category.freeze(),
            standard_costs: self.standard_costs.freeze(),
            goals: self.goals.freeze(),
            objectives: self.objectives.freeze(),
            units: self.units.freeze(),
            outputs: self.outputs.freeze(),
            income: self.income.freeze(),
            ceilings: self.ceilings.freeze(),
            results: self.results.freeze(),
            kpis: self.kpis.freeze(),
            risks: self.risks.freeze(),
            scenarios: self.scenarios.freeze(),
            proposals: self.proposals.freeze(),
            next_id: self.next_id.freeze(),
        }
    }
}

impl Thaw<live::AmountUnit> for AmountUnit {
    fn thaw(self) -> live::AmountUnit {
        match self {
            AmountUnit::Units => live::AmountUnit::Units,
            AmountUnit::Thousands => live::AmountUnit::Thousands,
        }
    }
}
impl Freeze<AmountUnit> for live::AmountUnit {
    fn freeze(&self) -> AmountUnit {
        match self {
            live::AmountUnit::Units => AmountUnit::Units,
            live::AmountUnit::Thousands => AmountUnit::Thousands,
        }
    }
}

impl Thaw<live::Grade> for Grade {
    fn thaw(self) -> live::Grade {
        live::Grade {
            id: self.id.thaw(),
            code: self.code.thaw(),
        }
    }
}
impl Freeze<Grade> for live::Grade {
    fn freeze(&self) -> Grade {
        Grade {
            id: self.id.freeze(),
            code: self.code.freeze(),
        }
    }
}

impl Thaw<live::Category> for Category {
    fn thaw(self) -> live::Category {
        live::Category {
            id: self.id.thaw(),
            code: self.code.thaw(),
            name: self.name.thaw(),
        }
    }
}
impl Freeze<Category> for live::Category {
    fn freeze(&self) -> Category {
        Category {
            id: self.id.freeze(),
            code: self.code.freeze(),
            name: self.name.freeze(),
        }
    }
}

impl Thaw<live::StandardCosts> for StandardCosts {
    fn thaw(self) -> live::StandardCosts {
        live::StandardCosts {
            escalation_percent: self.escalation_percent.thaw(),
            rows: self.rows.thaw(),
        }
    }
}
impl Freeze<StandardCosts> for live::StandardCosts {
    fn freeze(&self) -> StandardCosts {
        StandardCosts {
            escalation_percent: self.escalation_percent.freeze(),
            rows: self.rows.freeze(),
        }
    }
}

impl Thaw<live::StandardCostRow> for StandardCostRow {
    fn thaw(self) -> live::StandardCostRow {
        live::StandardCostRow {
            grade: self.grade.thaw(),
            costs: self.costs.thaw(),
        }
    }
}
impl Freeze<StandardCostRow> for live::StandardCostRow {
    fn freeze(&self) -> StandardCostRow {
        StandardCostRow {
            grade: self.grade.freeze(),
            costs: self.costs.freeze(),
        }
    }
}

impl Thaw<live::Goal> for Goal {
    fn thaw(self) -> live::Goal {
        live::Goal {
            id: self.id.thaw(),
            code: self.code.thaw(),
            title: self.title.thaw(),
        }
    }
}
impl Freeze<Goal> for live::Goal {
    fn freeze(&self) -> Goal {
        Goal {
            id: self.id.freeze(),
            code: self.code.freeze(),
            title: self.title.freeze(),
        }
    }
}

impl Thaw<live::Objective> for Objective {
    fn thaw(self) -> live::Objective {
        live::Objective {
            id: self.id.thaw(),
            code: self.code.thaw(),
            title: self.title.thaw(),
            description: self.description.thaw(),
            goal: self.goal.thaw(),
        }
    }
}
impl Freeze<Objective> for live::Objective {
    fn freeze(&self) -> Objective {
        Objective {
            id: self.id.freeze(),
            code: self.code.freeze(),
            title: self.title.freeze(),
            description: self.description.freeze(),
            goal: self.goal.freeze(),
        }
    }
}

impl Thaw<live::OrgUnit> for OrgUnit {
    fn thaw(self) -> live::OrgUnit {
        live::OrgUnit {
            id: self.id.thaw(),
            code: self.code.thaw(),
            name: self.name.thaw(),
            parent: self.parent.thaw(),
            head_grade: self.head_grade.thaw(),
            posts_total: self.posts_total.thaw(),
            posts: self.posts.thaw(),
        }
    }
}
impl Freeze<OrgUnit> for live::OrgUnit {
    fn freeze(&self) -> OrgUnit {
        OrgUnit {
            id: self.id.freeze(),
            code: self.code.freeze(),
            name: self.name.freeze(),
            parent: self.parent.freeze(),
            head_grade: self.head_grade.freeze(),
            posts_total: self.posts_total.freeze(),
            posts: self.posts.freeze(),
        }
    }
}

impl Thaw<live::GradePosts> for GradePosts {
    fn thaw(self) -> live::GradePosts {
        live::GradePosts {
            grade: self.grade.thaw(),
            posts: self.posts.thaw(),
        }
    }
}
impl Freeze<GradePosts> for live::GradePosts {
    fn freeze(&self) -> GradePosts {
        GradePosts {
            grade: self.grade.freeze(),
            posts: self.posts.freeze(),
        }
    }
}

impl Thaw<live::Output> for Output {
    fn thaw(self) -> live::Output {
        live::Output {
            id: self.id.thaw(),
            code: self.code.thaw(),
            title: self.title.thaw(),
            unit: self.unit.thaw(),
            links: self.links.thaw(),
            lines: self.lines.thaw(),
        }
    }
}
impl Freeze<Output> for live::Output {
    fn freeze(&self) -> Output {
        Output {
            id: self.id.freeze(),
            code: self.code.freeze(),
            title: self.title.freeze(),
            unit: self.unit.freeze(),
            links: self.links.freeze(),
            lines: self.lines.freeze(),
        }
    }
}

impl Thaw<live::Link> for Link {
    fn thaw(self) -> live::Link {
        live::Link {
            objective: self.objective.thaw(),
            share: self.share.thaw(),
        }
    }
}
impl Freeze<Link> for live::Link {
    fn freeze(&self) -> Link {
        Link {
            objective: self.objective.freeze(),
            share: self.share.freeze(),
        }
    }
}

impl Thaw<live::Share> for Share {
    fn thaw(self) -> live::Share {
        match self {
            Share::Equal => live::Share::Equal,
            Share::Percent(v0) => live::Share::Percent(v0.thaw()),
        }
    }
}
impl Freeze<Share> for live::Share {
    fn freeze(&self) -> Share {
        match self {
            live::Share::Equal => Share::Equal,
            live::Share::Percent(v0) => Share::Percent(v0.freeze()),
        }
    }
}

impl Thaw<live::Line> for Line {
    fn thaw(self) -> live::Line {
        live::Line {
            id: self.id.thaw(),
            description: self.description.thaw(),
            kind: self.kind.thaw(),
            rate: self.rate.thaw(),
            values: self.values.thaw(),
        }
    }
}
impl Freeze<Line> for live::Line {
    fn freeze(&self) -> Line {
        Line {
            id: self.id.freeze(),
            description: self.description.freeze(),
            kind: self.kind.freeze(),
            rate: self.rate.freeze(),
            values: self.values.freeze(),
        }
    }
}

impl Thaw<live::LineKind> for LineKind {
    fn thaw(self) -> live::LineKind {
        match self {
            LineKind::Staff { grade, basis } => live::LineKind::Staff {
                grade: grade.thaw(),
                basis: basis.thaw(),
            },
            LineKind::NonStaff { category } => live::LineKind::NonStaff {
                category: category.thaw(),
            },
        }
    }
}
impl Freeze<LineKind> for live::LineKind {
    fn freeze(&self) -> LineKind {
        match self {
            live::LineKind::Staff { grade, basis } => LineKind::Staff {
                grade: grade.freeze(),
                basis: basis.freeze(),
            },
            live::LineKind::NonStaff { category } => LineKind::NonStaff {
                category: category.freeze(),
            },
        }
    }
}

impl Thaw<live::StaffBasis> for StaffBasis {
    fn thaw(self) -> live::StaffBasis {
        match self {
            StaffBasis::Posts => live::StaffBasis::Posts,
            StaffBasis::WorkMonths => live::StaffBasis::WorkMonths,
        }
    }
}
impl Freeze<StaffBasis> for live::StaffBasis {
    fn freeze(&self) -> StaffBasis {
        match self {
            live::StaffBasis::Posts => StaffBasis::Posts,
            live::StaffBasis::WorkMonths => StaffBasis::WorkMonths,
        }
    }
}

impl Thaw<live::IncomeLine> for IncomeLine {
    fn thaw(self) -> live::IncomeLine {
        live::IncomeLine {
            id: self.id.thaw(),
            name: self.name.thaw(),
            kind: self.kind.thaw(),
            rate: self.rate.thaw(),
            values: self.values.thaw(),
        }
    }
}
impl Freeze<IncomeLine> for live::IncomeLine {
    fn freeze(&self) -> IncomeLine {
        IncomeLine {
            id: self.id.freeze(),
            name: self.name.freeze(),
            kind: self.kind.freeze(),
            rate: self.rate.freeze(),
            values: self.values.freeze(),
        }
    }
}

impl Thaw<live::IncomeKind> for IncomeKind {
    fn thaw(self) -> live::IncomeKind {
        match self {
            IncomeKind::AssessedContributions => live::IncomeKind::AssessedContributions,
            IncomeKind::CostRecovery => live::IncomeKind::CostRecovery,
            IncomeKind::PublicationSales => live::IncomeKind::PublicationSales,
            IncomeKind::EventRevenue => live::IncomeKind::EventRevenue,
            IncomeKind::Other => live::IncomeKind::Other,
        }
    }
}
impl Freeze<IncomeKind> for live::IncomeKind {
    fn freeze(&self) -> IncomeKind {
        match self {
            live::IncomeKind::AssessedContributions => IncomeKind::AssessedContributions,
            live::IncomeKind::CostRecovery => IncomeKind::CostRecovery,
            live::IncomeKind::PublicationSales => IncomeKind::PublicationSales,
            live::IncomeKind::EventRevenue => IncomeKind::EventRevenue,
            live::IncomeKind::Other => IncomeKind::Other,
        }
    }
}

impl Thaw<live::Ceiling> for Ceiling {
    fn thaw(self) -> live::Ceiling {
        live::Ceiling {
            id: self.id.thaw(),
            name: self.name.thaw(),
            scope: self.scope.thaw(),
            amount: self.amount.thaw(),
        }
    }
}
impl Freeze<Ceiling> for live::Ceiling {
    fn freeze(&self) -> Ceiling {
        Ceiling {
            id: self.id.freeze(),
            name: self.name.freeze(),
            scope: self.scope.freeze(),
            amount: self.amount.freeze(),
        }
    }
}

impl Thaw<live::CeilingScope> for CeilingScope {
    fn thaw(self) -> live::CeilingScope {
        match self {
            CeilingScope::Year(v0) => live::CeilingScope::Year(v0.thaw()),
            CeilingScope::Biennium(v0) => live::CeilingScope::Biennium(v0.thaw()),
            CeilingScope::Period => live::CeilingScope::Period,
        }
    }
}
impl Freeze<CeilingScope> for live::CeilingScope {
    fn freeze(&self) -> CeilingScope {
        match self {
            live::CeilingScope::Year(v0) => CeilingScope::Year(v0.freeze()),
            live::CeilingScope::Biennium(v0) => CeilingScope::Biennium(v0.freeze()),
            live::CeilingScope::Period => CeilingScope::Period,
        }
    }
}

impl Thaw<live::Owner> for Owner {
    fn thaw(self) -> live::Owner {
        match self {
            Owner::Objective(v0) => live::Owner::Objective(v0.thaw()),
            Owner::Output(v0) => live::Owner::Output(v0.thaw()),
        }
    }
}
impl Freeze<Owner> for live::Owner {
    fn freeze(&self) -> Owner {
        match self {
            live::Owner::Objective(v0) => Owner::Objective(v0.freeze()),
            live::Owner::Output(v0) => Owner::Output(v0.freeze()),
        }
    }
}

impl Thaw<live::ExpectedResult> for ExpectedResult {
    fn thaw(self) -> live::ExpectedResult {
        live::ExpectedResult {
            id: self.id.thaw(),
            owner: self.owner.thaw(),
            text: self.text.thaw(),
        }
    }
}
impl Freeze<ExpectedResult> for live::ExpectedResult {
    fn freeze(&self) -> ExpectedResult {
        ExpectedResult {
            id: self.id.freeze(),
            owner: self.owner.freeze(),
            text: self.text.freeze(),
        }
    }
}

impl Thaw<live::Kpi> for Kpi {
    fn thaw(self) -> live::Kpi {
        live::Kpi {
            id: self.id.thaw(),
            owner: self.owner.thaw(),
            name: self.name.thaw(),
            unit: self.unit.thaw(),
            direction: self.direction.thaw(),
            baseline: self.baseline.thaw(),
            targets: self.targets.thaw(),
            actuals: self.actuals.thaw(),
        }
    }
}
impl Freeze<Kpi> for live::Kpi {
    fn freeze(&self) -> Kpi {
        Kpi {
            id: self.id.freeze(),
            owner: self.owner.freeze(),
            name: self.name.freeze(),
            unit: self.unit.freeze(),
            direction: self.direction.freeze(),
            baseline: self.baseline.freeze(),
            targets: self.targets.freeze(),
            actuals: self.actuals.freeze(),
        }
    }
}

impl Thaw<live::Direction> for Direction {
    fn thaw(self) -> live::Direction {
        match self {
            Direction::HigherIsBetter => live::Direction::HigherIsBetter,
            Direction::LowerIsBetter => live::Direction::LowerIsBetter,
        }
    }
}
impl Freeze<Direction> for live::Direction {
    fn freeze(&self) -> Direction {
        match self {
            live::Direction::HigherIsBetter => Direction::HigherIsBetter,
            live::Direction::LowerIsBetter => Direction::LowerIsBetter,
        }
    }
}

impl Thaw<live::Baseline> for Baseline {
    fn thaw(self) -> live::Baseline {
        live::Baseline {
            year: self.year.thaw(),
            value: self.value.thaw(),
        }
    }
}
impl Freeze<Baseline> for live::Baseline {
    fn freeze(&self) -> Baseline {
        Baseline {
            year: self.year.freeze(),
            value: self.value.freeze(),
        }
    }
}

impl Thaw<live::Risk> for Risk {
    fn thaw(self) -> live::Risk {
        live::Risk {
            id: self.id.thaw(),
            description: self.description.thaw(),
            likelihood: self.likelihood.thaw(),
            impact: self.impact.thaw(),
            mitigation: self.mitigation.thaw(),
            outputs: self.outputs.thaw(),
        }
    }
}
impl Freeze<Risk> for live::Risk {
    fn freeze(&self) -> Risk {
        Risk {
            id: self.id.freeze(),
            description: self.description.freeze(),
            likelihood: self.likelihood.freeze(),
            impact: self.impact.freeze(),
            mitigation: self.mitigation.freeze(),
            outputs: self.outputs.freeze(),
        }
    }
}

impl Thaw<live::Scenario> for Scenario {
    fn thaw(self) -> live::Scenario {
        live::Scenario {
            id: self.id.thaw(),
            name: self.name.thaw(),
            note: self.note.thaw(),
            changes: self.changes.thaw(),
            added_outputs: self.added_outputs.thaw(),
            added_lines: self.added_lines.thaw(),
        }
    }
}
impl Freeze<Scenario> for live::Scenario {
    fn freeze(&self) -> Scenario {
        Scenario {
            id: self.id.freeze(),
            name: self.name.freeze(),
            note: self.note.freeze(),
            changes: self.changes.freeze(),
            added_outputs: self.added_outputs.freeze(),
            added_lines: self.added_lines.freeze(),
        }
    }
}

impl Thaw<live::AddedLine> for AddedLine {
    fn thaw(self) -> live::AddedLine {
        live::AddedLine {
            output: self.output.thaw(),
            line: self.line.thaw(),
        }
    }
}
impl Freeze<AddedLine> for live::AddedLine {
    fn freeze(&self) -> AddedLine {
        AddedLine {
            output: self.output.freeze(),
            line: self.line.freeze(),
        }
    }
}

impl Thaw<live::Key> for Key {
    fn thaw(self) -> live::Key {
        match self {
            Key::Value { line, year } => live::Key::Value {
                line: line.thaw(),
                year: year.thaw(),
            },
            Key::Rate { line } => live::Key::Rate { line: line.thaw() },
            Key::StandardCost { grade, year } => live::Key::StandardCost {
                grade: grade.thaw(),
                year: year.thaw(),
            },
            Key::Escalation => live::Key::Escalation,
            Key::Ceiling { ceiling } => live::Key::Ceiling {
                ceiling: ceiling.thaw(),
            },
            Key::IncomeValue { income, year } => live::Key::IncomeValue {
                income: income.thaw(),
                year: year.thaw(),
            },
            Key::IncomeRate { income } => live::Key::IncomeRate {
                income: income.thaw(),
            },
        }
    }
}
impl Freeze<Key> for live::Key {
    fn freeze(&self) -> Key {
        match self {
            live::Key::Value { line, year } => Key::Value {
                line: line.freeze(),
                year: year.freeze(),
            },
            live::Key::Rate { line } => Key::Rate {
                line: line.freeze(),
            },
            live::Key::StandardCost { grade, year } => Key::StandardCost {
                grade: grade.freeze(),
                year: year.freeze(),
            },
            live::Key::Escalation => Key::Escalation,
            live::Key::Ceiling { ceiling } => Key::Ceiling {
                ceiling: ceiling.freeze(),
            },
            live::Key::IncomeValue { income, year } => Key::IncomeValue {
                income: income.freeze(),
                year: year.freeze(),
            },
            live::Key::IncomeRate { income } => Key::IncomeRate {
                income: income.freeze(),
            },
        }
    }
}

impl Thaw<live::Change> for Change {
    fn thaw(self) -> live::Change {
        live::Change {
            key: self.key.thaw(),
            value: self.value.thaw(),
        }
    }
}
impl Freeze<Change> for live::Change {
    fn freeze(&self) -> Change {
        Change {
            key: self.key.freeze(),
            value: self.value.freeze(),
        }
    }
}

impl Thaw<live::Proposal> for Proposal {
    fn thaw(self) -> live::Proposal {
        live::Proposal {
            id: self.id.thaw(),
            title: self.title.thaw(),
            note: self.note.thaw(),
            rates: self.rates.thaw(),
            items: self.items.thaw(),
            next_item: self.next_item.thaw(),
        }
    }
}
impl Freeze<Proposal> for live::Proposal {
    fn freeze(&self) -> Proposal {
        Proposal {
            id: self.id.freeze(),
            title: self.title.freeze(),
            note: self.note.freeze(),
            rates: self.rates.freeze(),
            items: self.items.freeze(),
            next_item: self.next_item.freeze(),
        }
    }
}

impl Thaw<live::Rates> for Rates {
    fn thaw(self) -> live::Rates {
        live::Rates {
            interpreter_day: self.interpreter_day.thaw(),
            page: self.page.thaw(),
            trip: self.trip.thaw(),
        }
    }
}
impl Freeze<Rates> for live::Rates {
    fn freeze(&self) -> Rates {
        Rates {
            interpreter_day: self.interpreter_day.freeze(),
            page: self.page.freeze(),
            trip: self.trip.freeze(),
        }
    }
}

impl Thaw<live::Rate> for Rate {
    fn thaw(self) -> live::Rate {
        live::Rate {
            amount: self.amount.thaw(),
            illustrative: self.illustrative.thaw(),
        }
    }
}
impl Freeze<Rate> for live::Rate {
    fn freeze(&self) -> Rate {
        Rate {
            amount: self.amount.freeze(),
            illustrative: self.illustrative.freeze(),
        }
    }
}

impl Thaw<live::RateKind> for RateKind {
    fn thaw(self) -> live::RateKind {
        match self {
            RateKind::InterpreterDay => live::RateKind::InterpreterDay,
            RateKind::Page => live::RateKind::Page,
            RateKind::Trip => live::RateKind::Trip,
        }
    }
}
impl Freeze<RateKind> for live::RateKind {
    fn freeze(&self) -> RateKind {
        match self {
            live::RateKind::InterpreterDay => RateKind::InterpreterDay,
            live::RateKind::Page => RateKind::Page,
            live::RateKind::Trip => RateKind::Trip,
        }
    }
}

impl Thaw<live::CostItem> for CostItem {
    fn thaw(self) -> live::CostItem {
        live::CostItem {
            id: self.id.thaw(),
            description: self.description.thaw(),
            template: self.template.thaw(),
            owner: self.owner.thaw(),
            years: self.years.thaw(),
        }
    }
}
impl Freeze<CostItem> for live::CostItem {
    fn freeze(&self) -> CostItem {
        CostItem {
            id: self.id.freeze(),
            description: self.description.freeze(),
            template: self.template.freeze(),
            owner: self.owner.freeze(),
            years: self.years.freeze(),
        }
    }
}

impl Thaw<live::Template> for Template {
    fn thaw(self) -> live::Template {
        match self {
            Template::Meeting {
                days,
                languages,
                interpreters,
            } => live::Template::Meeting {
                days: days.thaw(),
                languages: languages.thaw(),
                interpreters: interpreters.thaw(),
            },
            Template::Documents { pages, languages } => live::Template::Documents {
                pages: pages.thaw(),
                languages: languages.thaw(),
            },
            Template::Posts { grade, months } => live::Template::Posts {
                grade: grade.thaw(),
                months: months.thaw(),
            },
            Template::Travel { trips } => live::Template::Travel {
                trips: trips.thaw(),
            },
            Template::Other { category, amount } => live::Template::Other {
                category: category.thaw(),
                amount: amount.thaw(),
            },
        }
    }
}
impl Freeze<Template> for live::Template {
    fn freeze(&self) -> Template {
        match self {
            live::Template::Meeting {
                days,
                languages,
                interpreters,
            } => Template::Meeting {
                days: days.freeze(),
                languages: languages.freeze(),
                interpreters: interpreters.freeze(),
            },
            live::Template::Documents { pages, languages } => Template::Documents {
                pages: pages.freeze(),
                languages: languages.freeze(),
            },
            live::Template::Posts { grade, months } => Template::Posts {
                grade: grade.freeze(),
                months: months.freeze(),
            },
            live::Template::Travel { trips } => Template::Travel {
                trips: trips.freeze(),
            },
            live::Template::Other { category, amount } => Template::Other {
                category: category.freeze(),
                amount: amount.freeze(),
            },
        }
    }
}

/// A version-2 plan as the live model.
pub fn into_model(plan: Plan) -> live::Plan {
    plan.thaw()
}

/// The live model as a version-2 plan.
pub fn from_model(plan: &live::Plan) -> Plan {
    plan.freeze()
}
