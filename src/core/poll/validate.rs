//! The checks of a poll step in a scenario file.

use std::collections::HashSet;

use super::{PollAnswers, PollSpec};
use crate::core::validate::Checker;

impl Checker {
    /// Checks a poll step.
    pub(crate) fn poll(&mut self, path: &str, p: &PollSpec) {
        if p.statements.is_empty() {
            self.push(
                format!("{path}.statements"),
                "een peiling heeft minstens één stelling nodig",
                "a poll needs at least one statement",
            );
        }
        let mut seen = HashSet::new();
        for (i, s) in p.statements.iter().enumerate() {
            let sp = format!("{path}.statements[{i}]");
            self.id(&format!("{sp}.id"), &s.id);
            self.unique(&mut seen, &format!("{sp}.id"), &s.id);
            self.text(&format!("{sp}.text"), &s.text);
        }
        if let PollAnswers::Numeric { min, max, labels } = &p.answers {
            let ap = format!("{path}.answers");
            if !(0..=9).contains(min) || !(0..=9).contains(max) || min >= max {
                self.push(
                    ap.clone(),
                    format!("schaal {min}..{max} kan niet; een peiling loopt binnen 0..9 (één cijfer per antwoord), min kleiner dan max (bijvoorbeeld 1..5)"),
                    format!("scale {min}..{max} is not possible; a poll runs within 0..9 (one digit an answer), min below max (e.g. 1..5)"),
                );
            }
            for (i, l) in labels.iter().enumerate() {
                if l.value < *min || l.value > *max {
                    self.push(
                        format!("{ap}.labels[{i}].value"),
                        format!("{} valt buiten de schaal {min}..{max}", l.value),
                        format!("{} is outside the scale {min}..{max}", l.value),
                    );
                }
                self.text(&format!("{ap}.labels[{i}].label"), &l.label);
            }
        }
    }
}
