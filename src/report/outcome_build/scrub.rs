//! The names of one outcome replaced text by text, each text once: a card's text is asked
//! for its board, again as a matrix's row, as a vote's target and in the analysis.

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::HashMap;

use crate::core::transform::names::Scrubber;

/// A [`Scrubber`] that remembers what it gave for each text while one outcome is built.
pub(crate) struct Scrub<'a> {
    scrubber: &'a Scrubber,
    /// Each text asked, with what replaced it (none when it has no name in it).
    done: RefCell<HashMap<String, Option<String>, foldhash::fast::FixedState>>,
}

impl<'a> Scrub<'a> {
    pub(crate) fn new(scrubber: &'a Scrubber) -> Scrub<'a> {
        Scrub {
            scrubber,
            done: RefCell::default(),
        }
    }

    /// [`Scrubber::text`].
    pub(crate) fn text<'t>(&self, text: &'t str) -> Cow<'t, str> {
        if self.scrubber.is_empty() {
            return Cow::Borrowed(text);
        }
        if let Some(done) = self.done.borrow().get(text) {
            return done
                .as_ref()
                .map_or(Cow::Borrowed(text), |s| Cow::Owned(s.clone()));
        }
        let out = self.scrubber.text(text);
        let replaced = match &out {
            Cow::Borrowed(_) => None,
            Cow::Owned(s) => Some(s.clone()),
        };
        self.done.borrow_mut().insert(text.to_string(), replaced);
        out
    }

    /// [`Scrubber::who`].
    pub(crate) fn who<'t>(&self, who: &'t str) -> Cow<'t, str> {
        self.scrubber.who(who)
    }
}
