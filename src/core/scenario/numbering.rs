//! How steps are numbered and headed: one numbering for the app, `replay` and every report,
//! in which a review of the previous meeting (`samenspel new --from`) is not counted.

use super::Scenario;
use crate::core::text::Lang;

impl Scenario {
    /// The number a step is shown with (1-based), counting only the steps of the
    /// exercise: a review of the previous meeting (`samenspel new --from`) has none. The
    /// one numbering of the app, `replay` and every report.
    pub fn step_number(&self, index: usize) -> Option<usize> {
        let step = self.steps.get(index)?;
        if step.is_review() {
            return None;
        }
        Some(
            1 + self
                .steps
                .iter()
                .take(index)
                .filter(|s| !s.is_review())
                .count(),
        )
    }

    /// How many steps the exercise has (a review of the previous meeting not counted).
    pub fn step_total(&self) -> usize {
        self.steps.iter().filter(|s| !s.is_review()).count()
    }

    /// What a step is called: the scenario's `step_name` ("Akte"), else "Stap"/"Step".
    pub fn step_word(&self, lang: Lang) -> &str {
        self.step_name
            .as_ref()
            .map_or_else(|| lang.pick("Stap", "Step"), |t| t.get(lang))
    }

    /// A step's heading in a report: "Akte 2: Waarden" for a step titled "Waarden", the
    /// title alone when it already starts with its word and number ("Akte 2: Waarden"),
    /// and the title alone for a review step, which has no number.
    pub fn step_heading(&self, index: usize, lang: Lang) -> String {
        let Some(step) = self.steps.get(index) else {
            return String::new();
        };
        step_heading(
            self.step_word(lang),
            self.step_number(index),
            step.title.get(lang),
        )
    }
}

/// A step's heading from its parts (see [`Scenario::step_heading`]): `word` is what a step
/// is called, `number` its number (none for a review), `title` its title.
pub fn step_heading(word: &str, number: Option<usize>, title: &str) -> String {
    let Some(number) = number else {
        return title.to_string();
    };
    let label = format!("{word} {number}");
    if starts_with_label(title, &label) {
        title.to_string()
    } else {
        format!("{label}: {title}")
    }
}

/// Whether `title` starts with `label` ("Akte 2") as a whole word, in any case: "Akte 2:
/// Waarden" and "akte 2 - Waarden" do, "Akte 20: ..." does not.
fn starts_with_label(title: &str, label: &str) -> bool {
    let mut rest = title.chars();
    for want in label.chars() {
        match rest.next() {
            Some(c) if c.to_lowercase().eq(want.to_lowercase()) => {}
            _ => return false,
        }
    }
    !rest.next().is_some_and(char::is_alphanumeric)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::scenario::{ReviewSpec, Scenario};
    use crate::core::text::Text;

    /// The fixture as De Zwolse Komedie names its steps, continued from an earlier meeting.
    fn acts() -> Scenario {
        let mut s = crate::core::fixture::scenario();
        s.step_name = Some(Text::new("Akte", "Act"));
        s.steps[0].title = Text::new("Akte 1: Vooroordelen", "Act 1: Prejudices");
        s.steps[1].title = Text::new("Waarden", "Values");
        let review = crate::core::series::review_step(
            &s,
            ReviewSpec {
                from: None,
                agreements: Vec::new(),
                items: Vec::new(),
            },
        );
        s.steps.insert(0, review);
        s
    }

    #[test]
    fn a_step_is_numbered_once_and_the_review_is_not_counted() {
        let s = acts();
        assert_eq!(s.step_heading(0, Lang::En), "Looking back at last time");
        assert_eq!(s.step_heading(1, Lang::En), "Act 1: Prejudices");
        assert_eq!(s.step_heading(1, Lang::Nl), "Akte 1: Vooroordelen");
        assert_eq!(s.step_heading(2, Lang::Nl), "Akte 2: Waarden");
        assert_eq!(s.step_number(0), None);
        assert_eq!(s.step_number(3), Some(3));
        assert_eq!(s.step_total(), s.steps.len() - 1);
        // "Akte 10" is not "Akte 1".
        assert!(!starts_with_label("Akte 10: Later", "Akte 1"));
        assert!(starts_with_label("akte 1 - eerst", "Akte 1"));
    }
}
