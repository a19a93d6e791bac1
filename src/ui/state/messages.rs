//! What the user is told: an alert when something was refused, a polite status line for
//! what a paste or structure change did, and a report after a file was opened.

use rollplan_core::io::budget::ImportReport;
use std::rc::Rc;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Messages {
    /// Why an action was refused. Shown as an alert.
    pub message: Option<String>,
    /// What the last paste, fill or structure change did (a polite status, not an alert).
    pub status: Option<String>,
    pub notice: Option<Notice>,
    /// A file being opened that takes a while (shown after 0.2 s), with a Cancel.
    pub progress: Option<Progress>,
}

/// A file being opened: which (the edge's number for it, to cancel) and what to say.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Progress {
    pub id: u64,
    pub what: String,
}

/// Something worth telling after a file was opened (or refused): what was imported, what
/// was odd, each finding at its place.
#[derive(Clone, Debug, PartialEq)]
pub struct Notice {
    pub title: String,
    pub lines: Vec<String>,
    /// The plan's validation findings, listed on request.
    pub findings: Vec<String>,
    pub report: Option<Rc<ImportReport>>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum SayAction {
    /// Tells the user something went wrong (an alert), e.g. a share link that did not open.
    Tell(String),
    /// Reports progress or success in the status line (a workbook being prepared).
    Status(String),
    DismissMessage,
    DismissStatus,
    DismissNotice,
    /// A file is being opened (or, `None`, no longer).
    Progress(Option<Progress>),
}

impl Messages {
    pub fn reduce(&mut self, action: SayAction) {
        match action {
            SayAction::Tell(m) => self.message = Some(m),
            SayAction::Status(m) => self.status = Some(m),
            SayAction::DismissMessage => self.message = None,
            SayAction::DismissStatus => self.status = None,
            SayAction::DismissNotice => self.notice = None,
            SayAction::Progress(p) => self.progress = p,
        }
    }
}
