//! The example plan the app opens on, built from the seed documents: the six objectives of
//! the ITU General Secretariat and the outputs of Table 7.1 with their marks (2012-2015, the
//! period of TELECOM World 2013 and 2015), the org units of the 2007 structure, and the
//! expected results and KPIs of Table 7.2.
//!
//! Resource figures, standard costs, income, ceilings and risks are ILLUSTRATIVE: invented to
//! be plausible, not ITU's figures. The plan's note says so, and so does every view.

use crate::model::*;
use crate::model::{Key, Scenario};
use rust_decimal::Decimal;

pub const YEARS: [&str; 4] = ["2012", "2013", "2014", "2015"];

pub const OBJECTIVES: [(&str, &str); 6] = [
    ("Overall management", "Overall management and coordination of the activities of the Union, ensuring that the goals and objectives of the strategic plan are met."),
    ("Planning and external relations", "Efficient planning, coordination and execution of the corporate, strategic, external relations, communication and intersectoral activities of the Union."),
    ("Conferences and publications", "Providing support to, and delivering, efficient and accessible conferences, meetings, documentation and publications, including multilingual ones."),
    ("Human, financial and capital resources", "Effective and efficient use of human, financial and capital resources of the Union."),
    ("ICT services", "Providing information and communication technology (ICT) services to support the mission and activities of the Union."),
    ("ITU TELECOM platform", "Providing a platform where stakeholders from across the ICT industry and operators can connect, debate, share strategies, explore the latest technologies, do business and ultimately address the global challenges."),
];

/// (code, title, objective marked with X (1-based), responsible unit code).
pub const OUTPUTS: [(&str, &str, usize, &str); 21] = [
    ("1.1", "Management, coordination and representation of the Union", 1, "GS"),
    ("2.1", "Organization, provision of inputs, secretariat, protocol and communication services for TELECOM, PP, Council, WTPF and WCIT", 2, "MCG"),
    ("2.2", "Corporate governance and relations with Member States, Sector Members and other entities, the UN and other international organizations", 2, "MCG"),
    ("2.3", "External affairs and communications services", 2, "EACC"),
    ("2.4", "Emerging trends and ICT evolution", 2, "CSD"),
    ("2.5", "Organization and coordination of ITU's participation in WSIS activities", 2, "SPM"),
    ("2.6", "Corporate strategic planning and evaluation", 2, "CSD"),
    ("2.7", "Coordination of intersectoral activities", 2, "SPM"),
    ("3.1", "Requisite linguistic and logistical services for conferences, meetings and events", 3, "CONF"),
    ("3.2", "Translation and text-processing services for production of documentation and other materials in the six languages of the Union", 3, "TRANS"),
    ("3.3", "Composition, editing, production, printing, publishing and sales and marketing services for paper and electronic publications in the six languages of the Union", 3, "DPCS"),
    ("4.1", "Budget and accounting guidelines in place", 4, "BFA"),
    ("4.2", "Staff regulations and HR administrative manual in place", 4, "HRP"),
    ("4.3", "Long-term plan for maintenance of ITU buildings created", 4, "BLS"),
    ("4.4", "Security plan in place", 4, "SES"),
    ("5.1", "Information services for PP, Council and CWGs, and world conferences and Forums (WCIT and WTPF)", 5, "ASD"),
    ("5.2", "Information services for the corporate governance, strategy and communications activities of the Union", 5, "USD"),
    ("6.1", "ITU TELECOM World 2013", 6, "TEL"),
    ("6.2", "ITU TELECOM World 2015", 6, "TEL"),
    ("6.3", "Ongoing community-building activities in between events", 6, "MSD"),
    ("6.4", "Any other related events as required", 6, "TEL"),
];

/// (code, name, parent code, head grade, published post count) from seed 002.
pub const UNITS: [(&str, &str, &str, &str, Option<u32>); 32] = [
    ("GS", "General Secretariat", "", "", None),
    ("IAU", "Internal Audit Unit", "GS", "P5", Some(3)),
    ("LAU", "Legal Affairs Unit", "GS", "D1", Some(4)),
    (
        "SPM",
        "Strategic Planning and Membership Department",
        "GS",
        "D2",
        Some(26),
    ),
    ("CSD", "Corporate Strategy Division", "SPM", "P5", None),
    (
        "MCG",
        "Membership and Corporate Governance Division",
        "SPM",
        "P5",
        None,
    ),
    (
        "EACC",
        "External Affairs and Corporate Communication Division",
        "SPM",
        "P5",
        None,
    ),
    (
        "AFD",
        "Administration and Finance Department",
        "GS",
        "D2",
        Some(119),
    ),
    (
        "HRA",
        "Human Resources Administration Division",
        "AFD",
        "P5",
        None,
    ),
    (
        "HRP",
        "Human Resources Policies Division",
        "AFD",
        "P5",
        None,
    ),
    ("SES", "Security and Emergency Services", "AFD", "P4", None),
    (
        "BFA",
        "Budget and Financial Analysis Division",
        "AFD",
        "P5",
        None,
    ),
    ("ACC", "Accounts Division", "AFD", "P5", None),
    ("PROC", "Procurement Division", "AFD", "P5", None),
    ("BLS", "Buildings and Logistics Services", "AFD", "P4", None),
    (
        "CPD",
        "Conferences and Publications Department",
        "GS",
        "D1",
        Some(223),
    ),
    ("CONF", "Conference Services", "CPD", "", None),
    (
        "TRANS",
        "Translation Sections (six languages)",
        "CPD",
        "P5",
        None,
    ),
    (
        "DPCS",
        "Documents and Publications Composition Services",
        "CPD",
        "",
        None,
    ),
    ("PDD", "Printing and Dispatch Division", "CPD", "P4", None),
    ("SMD", "Sales and Marketing Division", "CPD", "", None),
    ("MPU", "Management and Planning Unit", "CPD", "P3", None),
    (
        "IS",
        "Information Services Department",
        "GS",
        "D1",
        Some(69),
    ),
    (
        "MPIS",
        "Management Planning and ICT Security Unit",
        "IS",
        "P5",
        None,
    ),
    ("ASD", "Application Services Division", "IS", "P5", None),
    ("USD", "User Services Division", "IS", "P5", None),
    ("ISD", "Infrastructure Services Division", "IS", "P5", None),
    ("LAS", "Library and Archives Service", "IS", "P3", None),
    ("TEL", "ITU Telecom", "GS", "D1", Some(19)),
    ("TOD", "Technical Operations Division", "TEL", "", None),
    ("MSD", "Marketing and Sales Division", "TEL", "", None),
    ("FOD", "Forum Division", "TEL", "", None),
];

/// Illustrative standard cost per post-year in 2012, CHF; later years escalate by 1.5 %.
const STANDARD_COSTS_2012: [(&str, i64); 14] = [
    ("D2", 312_000),
    ("D1", 287_000),
    ("P5", 258_000),
    ("P4", 221_000),
    ("P3", 186_000),
    ("P2", 152_000),
    ("P1", 128_000),
    ("G7", 151_000),
    ("G6", 133_000),
    ("G5", 117_000),
    ("G4", 103_000),
    ("G3", 92_000),
    ("G2", 83_000),
    ("G1", 75_000),
];

/// Illustrative staffing per output: (output code, [(grade, posts)]).
const STAFF: [(&str, &[(&str, i64)]); 21] = [
    ("1.1", &[("D2", 1), ("P5", 3), ("P4", 2), ("G6", 3)]),
    ("2.1", &[("P5", 1), ("P4", 2), ("P3", 2), ("G5", 3)]),
    ("2.2", &[("P4", 2), ("P3", 1), ("G5", 2)]),
    ("2.3", &[("P5", 1), ("P4", 2), ("P3", 2), ("G5", 2)]),
    ("2.4", &[("P4", 1), ("P3", 1), ("G5", 1)]),
    ("2.5", &[("P4", 1), ("P2", 1), ("G5", 1)]),
    ("2.6", &[("P4", 1), ("P3", 1), ("G4", 1)]),
    ("2.7", &[("P4", 1), ("G5", 1)]),
    ("3.1", &[("D1", 1), ("P4", 4), ("P3", 6), ("G5", 22)]),
    ("3.2", &[("P5", 6), ("P4", 42), ("P3", 30), ("G4", 28)]),
    ("3.3", &[("P4", 4), ("P3", 8), ("G5", 18), ("G4", 22)]),
    (
        "4.1",
        &[("D2", 1), ("P5", 2), ("P4", 6), ("P3", 8), ("G5", 22)],
    ),
    ("4.2", &[("P5", 2), ("P4", 5), ("P3", 6), ("G5", 20)]),
    ("4.3", &[("P4", 1), ("P3", 2), ("G4", 24)]),
    ("4.4", &[("P4", 1), ("P2", 1), ("G4", 16)]),
    (
        "5.1",
        &[("D1", 1), ("P5", 2), ("P4", 8), ("P3", 10), ("G6", 12)],
    ),
    ("5.2", &[("P5", 2), ("P4", 6), ("P3", 8), ("G6", 16)]),
    ("6.1", &[("D1", 1), ("P4", 2), ("P3", 3), ("G5", 3)]),
    ("6.2", &[("P4", 1), ("P3", 2), ("G5", 2)]),
    ("6.3", &[("P4", 1), ("P3", 1), ("G5", 1)]),
    ("6.4", &[("P3", 1)]),
];

/// Illustrative non-staff costs: (output code, category code, description, per-year CHF).
const NON_STAFF: [(&str, &str, &str, [i64; 4]); 20] = [
    (
        "1.1",
        "TRAVEL",
        "Representation missions",
        [420_000, 435_000, 450_000, 440_000],
    ),
    (
        "1.1",
        "MISC",
        "External audit fees",
        [160_000, 160_000, 165_000, 165_000],
    ),
    (
        "2.1",
        "CONTRACT",
        "Council and PP logistics",
        [350_000, 410_000, 1_850_000, 380_000],
    ),
    (
        "2.3",
        "CONTRACT",
        "Media monitoring and campaigns",
        [240_000, 240_000, 250_000, 250_000],
    ),
    (
        "2.5",
        "TRAVEL",
        "WSIS Forum participation",
        [60_000, 65_000, 65_000, 70_000],
    ),
    (
        "3.1",
        "OSTAFF",
        "Interpreters (short-term)",
        [2_230_000, 2_300_000, 2_350_000, 2_300_000],
    ),
    (
        "3.2",
        "DOCS",
        "Outsourced translation",
        [1_450_000, 1_500_000, 1_520_000, 1_560_000],
    ),
    (
        "3.3",
        "MATERIALS",
        "Paper and printing supplies",
        [520_000, 500_000, 480_000, 460_000],
    ),
    (
        "4.1",
        "CONTRACT",
        "ERP finance licences",
        [310_000, 310_000, 320_000, 320_000],
    ),
    (
        "4.2",
        "OSTAFF",
        "Staff training",
        [280_000, 290_000, 300_000, 300_000],
    ),
    (
        "4.3",
        "RENTAL",
        "Building maintenance",
        [1_900_000, 1_950_000, 2_000_000, 2_050_000],
    ),
    (
        "4.3",
        "UTILITIES",
        "Energy and water",
        [1_100_000, 1_120_000, 1_150_000, 1_170_000],
    ),
    (
        "4.3",
        "ACQUIS",
        "Furniture and equipment",
        [300_000, 250_000, 260_000, 240_000],
    ),
    (
        "4.4",
        "CONTRACT",
        "Guarding services",
        [980_000, 1_000_000, 1_020_000, 1_040_000],
    ),
    (
        "5.1",
        "CONTRACT",
        "Conference systems support",
        [450_000, 520_000, 610_000, 480_000],
    ),
    (
        "5.2",
        "RENTAL",
        "Data centre and network",
        [1_250_000, 1_280_000, 1_300_000, 1_330_000],
    ),
    (
        "6.1",
        "CONTRACT",
        "Venue and exhibition services",
        [900_000, 3_800_000, 0, 0],
    ),
    (
        "6.2",
        "CONTRACT",
        "Venue and exhibition services",
        [0, 0, 950_000, 3_900_000],
    ),
    (
        "6.3",
        "TRAVEL",
        "Industry outreach",
        [120_000, 90_000, 120_000, 90_000],
    ),
    (
        "6.4",
        "CONTRACT",
        "Event services",
        [150_000, 150_000, 150_000, 150_000],
    ),
];

/// Table 7.2: per objective, expected results and KPIs.
const RESULTS_AND_KPIS: [(&[&str], &[&str]); 6] = [
    (
        &[
            "Overall effective management and coordination of intersectoral activities of the Union",
            "Establish and implement a comprehensive internal audit plan in accordance with IIA standards",
            "Updated appropriate legal frameworks in place for the functioning and management of the Union",
            "Reinforce and promote the ethics policies and ensure that they are clearly understood throughout ITU",
        ],
        &[
            "Execution of the strategic plan, in accordance with the approved budget",
            "Internal audit plan established and related audit reports issued",
            "Timely filing of legal instruments, contracts and other agreements",
            "Develop and implement policies, standards, procedures and practices on ethics as well as outreach, training and education",
        ],
    ),
    (
        &[
            "Awareness among all targeted audiences of ITU programmes, activities and issues",
            "Preparation of the ITU strategic plan and effective monitoring of progress in its implementation",
            "Effective coordination of intersectoral activities",
            "Effective management of the organization of Council, PP meetings and the implementation of decisions",
            "Greater recognition of ITU's leadership role in ICT",
            "Effective communication channels, including existing and new methods of communicating the ITU Vision",
            "Membership satisfaction increases year by year (baseline: 2011 value)",
            "Yearly increase of the number and quality/impact of intersectoral activities (baseline: trend from 2008 to 2011)",
        ],
        &[
            "Number of requests for ITU participation/viewpoint in various international forums and meetings",
            "Adherence to Council and PP deadlines for implementation of actions",
            "ITU recognized as the leader in ICT",
            "Membership satisfaction",
            "Ratio of reports, resolutions, etc. endorsed/presented for endorsement",
            "Level of satisfaction (survey) of delegates and attendees of main conferences",
            "Media coverage of ITU activities",
            "Number and quality/impact of intersectoral activities undertaken by sub-output",
            "Increasing total readership numbers",
        ],
    ),
    (
        &[
            "Efficient and cost-effective management of conferences and meetings",
            "Provision of quality translation and interpretation services in the six languages of the Union",
            "Timely delivery of high-quality documentation and publications in the six languages of the Union",
            "Continued improvement in sales and marketing processes, wide dissemination of ITU publications and increased revenue from sales",
        ],
        &[
            "Meetings on budget with positive participant feedback",
            "Client satisfaction with the quality of translation and interpretation services",
            "Documents delivered within established/agreed deadlines",
            "Sales figures and sales revenue in relation to budget targets",
        ],
    ),
    (
        &[
            "Efficient use of the financial resources of the Union",
            "Effective and efficient use and management of the human resources of the Union",
            "Proper management of ITU plant and equipment",
            "Effective security protocols in place",
        ],
        &[
            "Annual audit of the accounts is unqualified",
            "Annual budget is not over-spent",
            "Annual survey of MCG members rates performance of HR divisions as satisfactory or better",
            "ITU facilities in good repair",
            "No major security incidents in a year",
        ],
    ),
    (
        &[
            "Highly reliable computer systems and network, including reliability, data backup, disaster recovery and archiving",
            "ICT support for conferences and meetings, including rapid access to documents and support for the \"paperless office\"",
            "Effective information exchange for participants of ITU study groups, conferences and other collaborative and consultative fora",
            "Effective support to ITU office systems, including training, helpdesk and other support functions",
            "Effective support for core ITU ICT functions, including Sector databases and systems as well as SAP functional systems",
        ],
        &[
            "Network and data availability meet or exceed industry standards",
            "Documents for meetings available 24/7 in paperless mode",
            "Number of users, downloads and website visits increasing",
            "Continual reduction of the total cost of ownership (TCO) for ITU office systems",
            "Systems operational within standards established in ITU SLAs",
            "Reduction, to the extent possible, of spam, viruses and botware from the ITU computer system",
        ],
    ),
    (
        &[
            "Strengthened TELECOM brand",
            "New products and positioning for industry",
            "New strategic partnerships across the ICT industry",
            "New business model",
            "Improved financial position",
            "Expanded customer portfolio extending into different market sectors (such as e-health or education)",
        ],
        &[
            "Candidate venues",
            "Satisfaction and number of exhibitors categorized in terms of their annual turnover",
            "Size of exhibition",
            "Trade visitors",
            "VIPs",
            "Number and satisfaction of forum participants",
            "Accredited media",
            "Total participants",
            "Web traffic to and activity on TELECOM sites",
            "Financial result",
        ],
    ),
];

/// Illustrative KPI figures, not ITU's, so the results view of the example shows what it is
/// for: (KPI, unit, lower is better, baseline 2011, targets 2012-2015, actuals 2012-2014).
/// Actuals stop at 2014, as in a plan read during its third year; some years miss their
/// target on purpose.
#[allow(clippy::type_complexity)]
const KPI_FIGURES: [(&str, &str, bool, (i64, u32), [(i64, u32); 4], [(i64, u32); 3]); 38] = [
    ("Execution of the strategic plan, in accordance with the approved budget", "% of budget executed", false, (94, 0), [(95, 0), (96, 0), (97, 0), (98, 0)], [(954, 1), (968, 1), (962, 1)]),
    ("Internal audit plan established and related audit reports issued", "reports issued", false, (6, 0), [(8, 0), (8, 0), (9, 0), (9, 0)], [(8, 0), (7, 0), (9, 0)]),
    ("Timely filing of legal instruments, contracts and other agreements", "% filed on time", false, (85, 0), [(90, 0), (90, 0), (92, 0), (95, 0)], [(91, 0), (93, 0), (90, 0)]),
    ("Develop and implement policies, standards, procedures and practices on ethics as well as outreach, training and education", "staff trained", false, (120, 0), [(300, 0), (500, 0), (700, 0), (900, 0)], [(340, 0), (480, 0), (720, 0)]),
    ("Number of requests for ITU participation/viewpoint in various international forums and meetings", "requests", false, (210, 0), [(220, 0), (230, 0), (240, 0), (250, 0)], [(236, 0), (241, 0), (255, 0)]),
    ("Adherence to Council and PP deadlines for implementation of actions", "% of actions on time", false, (80, 0), [(85, 0), (88, 0), (90, 0), (92, 0)], [(86, 0), (89, 0), (87, 0)]),
    ("ITU recognized as the leader in ICT", "% of surveyed agreeing", false, (62, 0), [(64, 0), (66, 0), (68, 0), (70, 0)], [(65, 0), (67, 0), (69, 0)]),
    ("Membership satisfaction", "% satisfied", false, (78, 0), [(80, 0), (81, 0), (82, 0), (83, 0)], [(79, 0), (82, 0), (83, 0)]),
    ("Ratio of reports, resolutions, etc. endorsed/presented for endorsement", "% endorsed", false, (90, 0), [(92, 0), (93, 0), (94, 0), (95, 0)], [(94, 0), (95, 0), (93, 0)]),
    ("Level of satisfaction (survey) of delegates and attendees of main conferences", "% satisfied", false, (82, 0), [(84, 0), (85, 0), (86, 0), (87, 0)], [(85, 0), (86, 0), (88, 0)]),
    ("Media coverage of ITU activities", "articles", false, (4_200, 0), [(4_500, 0), (4_800, 0), (5_100, 0), (5_400, 0)], [(4_700, 0), (4_650, 0), (5_300, 0)]),
    ("Number and quality/impact of intersectoral activities undertaken by sub-output", "activities", false, (12, 0), [(14, 0), (15, 0), (16, 0), (17, 0)], [(14, 0), (16, 0), (17, 0)]),
    ("Increasing total readership numbers", "readers, thousands", false, (350, 0), [(370, 0), (390, 0), (410, 0), (430, 0)], [(382, 0), (401, 0), (398, 0)]),
    ("Meetings on budget with positive participant feedback", "% of meetings", false, (88, 0), [(90, 0), (90, 0), (92, 0), (92, 0)], [(91, 0), (89, 0), (93, 0)]),
    ("Client satisfaction with the quality of translation and interpretation services", "% satisfied", false, (85, 0), [(86, 0), (87, 0), (88, 0), (89, 0)], [(87, 0), (88, 0), (90, 0)]),
    ("Documents delivered within established/agreed deadlines", "% on time", false, (83, 0), [(85, 0), (87, 0), (89, 0), (90, 0)], [(84, 0), (88, 0), (90, 0)]),
    ("Sales figures and sales revenue in relation to budget targets", "% of budget target", false, (97, 0), [(100, 0), (100, 0), (100, 0), (100, 0)], [(96, 0), (99, 0), (101, 0)]),
    ("Annual audit of the accounts is unqualified", "qualified opinions", true, (0, 0), [(0, 0), (0, 0), (0, 0), (0, 0)], [(0, 0), (0, 0), (0, 0)]),
    ("Annual budget is not over-spent", "% of budget spent", true, (98, 0), [(100, 0), (100, 0), (100, 0), (100, 0)], [(97, 0), (99, 0), (101, 0)]),
    ("Annual survey of MCG members rates performance of HR divisions as satisfactory or better", "% satisfactory or better", false, (70, 0), [(72, 0), (74, 0), (76, 0), (78, 0)], [(73, 0), (72, 0), (77, 0)]),
    ("ITU facilities in good repair", "% of floor area", false, (85, 0), [(86, 0), (88, 0), (90, 0), (92, 0)], [(87, 0), (89, 0), (90, 0)]),
    ("No major security incidents in a year", "major incidents", true, (1, 0), [(0, 0), (0, 0), (0, 0), (0, 0)], [(0, 0), (0, 0), (1, 0)]),
    ("Network and data availability meet or exceed industry standards", "% availability", false, (995, 1), [(997, 1), (997, 1), (998, 1), (998, 1)], [(998, 1), (996, 1), (999, 1)]),
    ("Documents for meetings available 24/7 in paperless mode", "% of meetings", false, (40, 0), [(50, 0), (60, 0), (70, 0), (80, 0)], [(55, 0), (63, 0), (68, 0)]),
    ("Number of users, downloads and website visits increasing", "visits, millions", false, (18, 0), [(20, 0), (22, 0), (24, 0), (26, 0)], [(214, 1), (231, 1), (250, 1)]),
    ("Continual reduction of the total cost of ownership (TCO) for ITU office systems", "CHF per workstation", true, (4_200, 0), [(4_100, 0), (4_000, 0), (3_900, 0), (3_800, 0)], [(4_050, 0), (4_010, 0), (3_870, 0)]),
    ("Systems operational within standards established in ITU SLAs", "% of incidents within SLA", false, (92, 0), [(93, 0), (94, 0), (95, 0), (95, 0)], [(94, 0), (95, 0), (95, 0)]),
    ("Reduction, to the extent possible, of spam, viruses and botware from the ITU computer system", "infected machines a month", true, (30, 0), [(25, 0), (20, 0), (15, 0), (10, 0)], [(22, 0), (21, 0), (14, 0)]),
    ("Candidate venues", "venues", false, (3, 0), [(3, 0), (3, 0), (3, 0), (3, 0)], [(4, 0), (2, 0), (3, 0)]),
    ("Satisfaction and number of exhibitors categorized in terms of their annual turnover", "exhibitors", false, (180, 0), [(200, 0), (210, 0), (220, 0), (230, 0)], [(160, 0), (175, 0), (190, 0)]),
    ("Size of exhibition", "m\u{b2}, thousands", false, (20, 0), [(20, 0), (22, 0), (22, 0), (24, 0)], [(17, 0), (19, 0), (21, 0)]),
    ("Trade visitors", "visitors", false, (8_000, 0), [(8_500, 0), (9_000, 0), (9_500, 0), (10_000, 0)], [(8_200, 0), (9_100, 0), (9_300, 0)]),
    ("VIPs", "VIPs", false, (300, 0), [(320, 0), (340, 0), (360, 0), (380, 0)], [(340, 0), (350, 0), (370, 0)]),
    ("Number and satisfaction of forum participants", "participants", false, (1_200, 0), [(1_300, 0), (1_400, 0), (1_500, 0), (1_600, 0)], [(1_350, 0), (1_420, 0), (1_480, 0)]),
    ("Accredited media", "journalists", false, (450, 0), [(480, 0), (500, 0), (520, 0), (540, 0)], [(470, 0), (510, 0), (530, 0)]),
    ("Total participants", "participants", false, (12_000, 0), [(12_500, 0), (13_000, 0), (13_500, 0), (14_000, 0)], [(11_800, 0), (13_200, 0), (13_100, 0)]),
    ("Web traffic to and activity on TELECOM sites", "visits, thousands", false, (900, 0), [(1_000, 0), (1_100, 0), (1_200, 0), (1_300, 0)], [(1_050, 0), (1_120, 0), (1_180, 0)]),
    ("Financial result", "CHF thousands", false, (0, 0), [(500, 0), (500, 0), (500, 0), (500, 0)], [(650, 0), (-200, 0), (420, 0)]),
];

pub const STRATEGIC_GOAL: &str = "Effectiveness and efficiency in the planning, management, coordination and delivery of services to support the membership of the Union, ensuring the implementation of the financial and strategic plans of the Union and coordinating intersectoral activities as identified in ITU basic texts.";

/// The example plan. Deterministic: the same plan, ids included, every time.
pub fn example_plan() -> Plan {
    let mut p = Plan::blank(
        "General Secretariat operational plan 2012\u{2013}2015",
        &YEARS,
    );
    p.organisation = "ITU General Secretariat".into();
    p.note = "Example built from ITU documents: objectives, outputs, org units, results and KPIs are ITU's; resources, standard costs, income, ceilings, risks, KPI figures and the proposal are illustrative, not ITU's.".into();

    let goal = GoalId(p.fresh_id());
    p.goals.push(Goal {
        id: goal,
        code: "GS".into(),
        title: STRATEGIC_GOAL.into(),
    });
    for (i, (title, description)) in OBJECTIVES.iter().enumerate() {
        let id = ObjectiveId(p.fresh_id());
        p.objectives.push(Objective {
            id,
            code: format!("O{}", i.saturating_add(1)),
            title: (*title).into(),
            description: (*description).into(),
            goal: Some(goal),
        });
    }

    let grade_id = |p: &Plan, code: &str| p.grades.iter().find(|g| g.code == code).map(|g| g.id);
    for (code, name, parent, head, posts) in UNITS {
        let id = UnitId(p.fresh_id());
        let parent = p.units.iter().find(|u| u.code == parent).map(|u| u.id);
        let head_grade = grade_id(&p, head);
        p.units.push(OrgUnit {
            id,
            code: code.into(),
            name: name.into(),
            parent,
            head_grade,
            posts_total: posts.map(Decimal::from),
            posts: Vec::new(),
        });
    }

    for (grade, cost) in STANDARD_COSTS_2012 {
        let g = grade_id(&p, grade).expect("grade ladder has every grade");
        if let Some(row) = p.standard_costs.rows.iter_mut().find(|r| r.grade == g) {
            row.costs[0] = Some(Decimal::from(cost));
        }
    }
    p.standard_costs.escalation_percent = Some(Decimal::new(15, 1));

    let category_id = |p: &Plan, code: &str| {
        p.categories
            .iter()
            .find(|c| c.code == code)
            .map(|c| c.id)
            .expect("ITU categories include every example category")
    };
    for (code, title, objective, unit) in OUTPUTS {
        let id = OutputId(p.fresh_id());
        let objective = p.objectives[objective.saturating_sub(1)].id;
        let unit = p.units.iter().find(|u| u.code == unit).map(|u| u.id);
        let mut lines = Vec::new();
        let staff = STAFF.iter().find(|(c, _)| *c == code).map(|(_, s)| *s);
        for (grade, posts) in staff.unwrap_or(&[]) {
            let grade = grade_id(&p, grade).expect("example grades exist");
            lines.push(Line {
                id: LineId(p.fresh_id()),
                description: String::new(),
                kind: LineKind::Staff {
                    grade,
                    basis: StaffBasis::Posts,
                },
                rate: None,
                values: vec![Some(Decimal::from(*posts)); YEARS.len()],
            });
        }
        for (out, cat, description, amounts) in NON_STAFF {
            if out != code {
                continue;
            }
            let category = category_id(&p, cat);
            lines.push(Line {
                id: LineId(p.fresh_id()),
                description: description.into(),
                kind: LineKind::NonStaff { category },
                rate: None,
                values: amounts
                    .iter()
                    .map(|a| (*a != 0).then(|| Decimal::from(*a)))
                    .collect(),
            });
        }
        p.outputs.push(Output {
            id,
            code: code.into(),
            title: title.into(),
            unit,
            links: vec![Link {
                objective,
                share: Share::Equal,
            }],
            lines,
        });
    }

    for (k, (results, kpis)) in RESULTS_AND_KPIS.iter().enumerate() {
        let owner = Owner::Objective(p.objectives[k].id);
        for text in *results {
            let id = ResultId(p.fresh_id());
            p.results.push(ExpectedResult {
                id,
                owner,
                text: (*text).into(),
            });
        }
        for name in *kpis {
            let id = KpiId(p.fresh_id());
            let figures = KPI_FIGURES.iter().find(|f| f.0 == *name);
            let d = |(m, s): (i64, u32)| Some(Decimal::new(m, s));
            let mut kpi = Kpi {
                id,
                owner,
                name: (*name).into(),
                unit: String::new(),
                direction: Direction::HigherIsBetter,
                baseline: None,
                targets: vec![None; YEARS.len()],
                actuals: vec![None; YEARS.len()],
            };
            if let Some((_, unit, lower, base, targets, actuals)) = figures {
                // The KPI is ITU's; its figures are not, and its name says so wherever it
                // is read (view, exports), as the example's risks do.
                kpi.name = format!("{name} (illustrative figures)");
                kpi.unit = (*unit).into();
                if *lower {
                    kpi.direction = Direction::LowerIsBetter;
                }
                kpi.baseline = Some(Baseline {
                    year: "2011".into(),
                    value: Decimal::new(base.0, base.1),
                });
                kpi.targets = targets.iter().copied().map(d).collect();
                kpi.actuals = actuals.iter().copied().map(d).collect();
                kpi.actuals.resize(YEARS.len(), None);
            }
            p.kpis.push(kpi);
        }
    }

    // Illustrative income. The contributory unit value is the public Busan 2014 figure
    // (Decision 5); the number of units attributed to the GS is invented.
    let unit_value = Decimal::from(318_000);
    let incomes: [(&str, IncomeKind, Option<Decimal>, [i64; 4]); 4] = [
        (
            "Assessed contributions attributed to the GS (units x value of the contributory unit)",
            IncomeKind::AssessedContributions,
            Some(unit_value),
            [255, 255, 255, 255],
        ),
        (
            "Cost recovery",
            IncomeKind::CostRecovery,
            None,
            [4_800_000, 5_100_000, 5_000_000, 5_200_000],
        ),
        (
            "Publication sales",
            IncomeKind::PublicationSales,
            None,
            [8_200_000, 7_900_000, 7_600_000, 7_400_000],
        ),
        (
            "TELECOM event revenue",
            IncomeKind::EventRevenue,
            None,
            [0, 6_500_000, 0, 6_800_000],
        ),
    ];
    for (name, kind, rate, values) in incomes {
        let id = IncomeId(p.fresh_id());
        p.income.push(IncomeLine {
            id,
            name: name.into(),
            kind,
            rate,
            values: values
                .iter()
                .map(|v| (*v != 0).then(|| Decimal::from(*v)))
                .collect(),
        });
    }

    for (name, scope, amount) in [
        (
            "Biennium 2012\u{2013}2013 ceiling",
            CeilingScope::Biennium(0),
            172_000_000i64,
        ),
        (
            "Biennium 2014\u{2013}2015 ceiling",
            CeilingScope::Biennium(1),
            175_000_000,
        ),
        (
            "Period ceiling 2012\u{2013}2015",
            CeilingScope::Period,
            350_000_000,
        ),
    ] {
        let id = CeilingId(p.fresh_id());
        p.ceilings.push(Ceiling {
            id,
            name: name.into(),
            scope,
            amount: Decimal::from(amount),
        });
    }

    let out = |p: &Plan, code: &str| p.outputs.iter().find(|o| o.code == code).map(|o| o.id);
    let risks: [(&str, u8, u8, &str, &[&str]); 3] = [
        (
            "Fewer exhibitors than planned at TELECOM World (illustrative)",
            3,
            4,
            "Early-bird pricing; partnerships with regional events",
            &["6.1", "6.2"],
        ),
        (
            "Translation demand exceeds capacity before major conferences (illustrative)",
            4,
            3,
            "Framework contracts with outside translators; page limits",
            &["3.2"],
        ),
        (
            "Security incident at headquarters (illustrative)",
            2,
            5,
            "Security plan and H-MOSS compliance reviews",
            &["4.4"],
        ),
    ];
    for (description, likelihood, impact, mitigation, outputs) in risks {
        let id = RiskId(p.fresh_id());
        let outputs = outputs.iter().filter_map(|c| out(&p, c)).collect();
        p.risks.push(Risk {
            id,
            description: description.into(),
            likelihood,
            impact,
            mitigation: mitigation.into(),
            outputs,
        });
    }

    // The four values of the contributory unit Member States asked to see side by side in
    // 2006 (seed 003), as scenarios: each sets the unit's value and follows the baseline
    // in everything else.
    if let Some(assessed) = p
        .income
        .iter()
        .find(|i| i.kind == IncomeKind::AssessedContributions)
        .map(|i| i.id)
    {
        for value in [318_000i64, 322_000, 325_000, 329_000] {
            let mut s = Scenario::new(
                ScenarioId(p.fresh_id()),
                &format!(
                    "Contributory unit CHF {}",
                    crate::numfmt::format_amount(Decimal::from(value), 0)
                ),
            );
            s.note = "Value of the contributory unit; the number of units is illustrative.".into();
            s.set(
                Key::IncomeRate { income: assessed },
                Some(Some(Decimal::from(value))),
            );
            p.scenarios.push(s);
        }
    }

    // One illustrative proposal, so the Proposal costing view opens on a worked example:
    // an expert group meeting twice in 2014 and 2015, with its documents, a P3 for half of
    // each year and some travel. Quantities are per ticked year.
    let id = ProposalId(p.fresh_id());
    let mut proposal = Proposal::new(
        id,
        "Expert group on ICT indicators, 2014\u{2013}2015 (illustrative)",
    );
    proposal.note = "An illustrative proposal, costed at the illustrative unit rates.".into();
    let owner = |p: &Plan, code: &str| out(p, code).map(Owner::Output);
    let d = Decimal::from;
    let p3 = grade_id(&p, "P3");
    let items: [(&str, Template, &str, [bool; 4]); 4] = [
        (
            "Two three-day sessions a year, interpreted in six languages",
            Template::Meeting {
                days: d(6),
                languages: d(6),
                interpreters: d(3),
            },
            "3.1",
            [false, false, true, true],
        ),
        (
            "Session documents and report, translated into the five other languages",
            Template::Documents {
                pages: d(120),
                languages: d(5),
            },
            "3.2",
            [false, false, true, true],
        ),
        (
            "Secretariat support: a P3 for six months a year",
            Template::Posts {
                grade: p3.unwrap_or(GradeId(0)),
                months: d(6),
            },
            "2.7",
            [false, false, true, true],
        ),
        (
            "Travel of experts from developing countries",
            Template::Travel { trips: d(8) },
            "2.7",
            [false, false, true, false],
        ),
    ];
    for (description, template, code, years) in items {
        let Some(owner) = owner(&p, code) else {
            continue;
        };
        let n = proposal.next_item;
        proposal.next_item = n.saturating_add(1);
        proposal.items.push(CostItem {
            id: n,
            description: description.into(),
            template,
            owner,
            years: years.to_vec(),
        });
    }
    p.proposals.push(proposal);
    p
}
