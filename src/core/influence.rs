//! What the room can influence in a step: a rung of the participation ladder (Dutch
//! participation guidance asks to say this early, so nobody expects a decision where the
//! room only gives advice).

use serde::{Deserialize, Serialize};

use super::text::Lang;

/// A rung of the participation ladder, from the least influence to the most.
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Influence {
    /// The room is told what was decided (informeren).
    #[serde(alias = "informeren")]
    Inform,
    /// The room is asked for its opinion; others weigh it (raadplegen).
    #[serde(alias = "raadplegen")]
    Consult,
    /// The room gives advice that is followed unless there is a reason not to (adviseren).
    #[serde(alias = "adviseren")]
    Advise,
    /// The room works the result out together with the organisers (coproduceren).
    #[serde(alias = "coproduceren")]
    CoProduce,
    /// The room decides together (meebeslissen).
    #[serde(alias = "meebeslissen")]
    CoDecide,
}

impl Influence {
    /// Every rung, from the least influence to the most.
    pub const ALL: [Influence; 5] = [
        Influence::Inform,
        Influence::Consult,
        Influence::Advise,
        Influence::CoProduce,
        Influence::CoDecide,
    ];

    /// The rung's name: "adviseren" / "advise".
    pub fn label(self, lang: Lang) -> &'static str {
        let (nl, en) = match self {
            Influence::Inform => ("informeren", "inform"),
            Influence::Consult => ("raadplegen", "consult"),
            Influence::Advise => ("adviseren", "advise"),
            Influence::CoProduce => ("coproduceren", "co-produce"),
            Influence::CoDecide => ("meebeslissen", "co-decide"),
        };
        lang.pick(nl, en)
    }

    /// What the rung means for the room, in a few words.
    pub fn meaning(self, lang: Lang) -> &'static str {
        let (nl, en) = match self {
            Influence::Inform => (
                "de zaal hoort wat er besloten is",
                "the room hears what was decided",
            ),
            Influence::Consult => (
                "de zaal geeft haar mening; anderen wegen die",
                "the room gives its view; others weigh it",
            ),
            Influence::Advise => (
                "het advies van de zaal wordt gevolgd, tenzij er een reden is van af te wijken",
                "the room's advice is followed unless there is a reason not to",
            ),
            Influence::CoProduce => (
                "de zaal werkt de uitkomst mee uit",
                "the room works the outcome out together",
            ),
            Influence::CoDecide => ("de zaal beslist mee", "the room decides together"),
        };
        lang.pick(nl, en)
    }

    /// "invloed: adviseren" / "influence: advise": how the step screen and the reports
    /// name it.
    pub fn shown(self, lang: Lang) -> String {
        format!(
            "{} {}",
            lang.pick("invloed:", "influence:"),
            self.label(lang)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ladder_reads_in_both_languages_and_files_take_either_word() {
        let written: Vec<String> = Influence::ALL
            .iter()
            .map(|i| serde_json::to_string(i).unwrap())
            .collect();
        assert_eq!(
            written,
            [
                "\"inform\"",
                "\"consult\"",
                "\"advise\"",
                "\"co-produce\"",
                "\"co-decide\""
            ]
        );
        let dutch: Influence = serde_json::from_str("\"meebeslissen\"").unwrap();
        assert_eq!(dutch, Influence::CoDecide);
        assert_eq!(Influence::Advise.shown(Lang::Nl), "invloed: adviseren");
        assert_eq!(
            Influence::CoProduce.shown(Lang::En),
            "influence: co-produce"
        );
        assert!(Influence::Inform < Influence::CoDecide);
    }
}
