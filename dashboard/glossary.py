"""Plain words for the few medical terms the app cannot avoid, shown on the sources page and linked from where
they first appear."""

from __future__ import annotations

from dataclasses import dataclass

from dashboard.i18n import N_, _


@dataclass(frozen=True)
class Term:
    """A term and its plain words, kept as English msgids; `term` and `plain` read them in the language of the run."""

    id: str
    term_msgid: str
    plain_msgid: str

    @property
    def term(self) -> str:
        return _(self.term_msgid)

    @property
    def plain(self) -> str:
        return _(self.plain_msgid)


GLOSSARY: tuple[Term, ...] = (
    Term(
        "ablative",
        N_("Ablative laser"),
        N_("A laser that removes thin layers of the outer skin. CO2 lasers are ablative."),
    ),
    Term(
        "nonablative",
        N_("Nonablative laser"),
        N_("A laser that heats the skin below the surface but leaves the surface whole, so there is no open wound."),
    ),
    Term(
        "fractional",
        N_("Fractional laser"),
        N_(
            "A laser that treats the skin in a grid of tiny dots and leaves the skin between them alone. That skin "
            "helps the dots heal fast."
        ),
    ),
    Term(
        "fully-ablative",
        N_("Fully ablative laser"),
        N_("A laser that removes the whole outer layer of the treated skin, not just dots. Healing takes longer."),
    ),
    Term("erythema", N_("Erythema"), N_("The medical word for redness of the skin.")),
    Term(
        "bronzing",
        N_("Bronzing"),
        N_("A brown, tanned look as tiny bits of treated skin come up to the surface. They flake off by themselves."),
    ),
    Term(
        "mends",
        N_("MENDs"),
        N_("Tiny bits of treated skin that come up after a nonablative laser and flake off within a week."),
    ),
    Term("milia", N_("Milia"), N_("Tiny white bumps, like grains of sand under the skin.")),
    Term(
        "collagen",
        N_("Collagen"),
        N_(
            "The protein that keeps skin firm. Type III collagen is the first, softer kind the body makes after an "
            "injury. Type I collagen is the strong, mature kind that slowly takes its place."
        ),
    ),
    Term("elastin", N_("Elastin"), N_("The stretchy fibres that let skin spring back.")),
    Term(
        "heat-shock",
        N_("Heat-shock protein"),
        N_("A protein that cells make when they are heated. It is an early signal that starts the repair."),
    ),
    Term(
        "phases",
        N_("Inflammation, proliferation, remodelling"),
        N_(
            "The three stages of healing. First the body cleans up the wound, over a few days. Then new skin and "
            "early collagen grow, over a few weeks. Then, for months, that collagen is slowly made stronger."
        ),
    ),
    Term(
        "fitzpatrick",
        N_("Skin type (Fitzpatrick I to VI)"),
        N_(
            "A scale of how skin reacts to the sun. Type I always burns and never tans. Type VI never burns and is "
            "deeply pigmented."
        ),
    ),
    Term(
        "pih",
        N_("Dark patches (hyperpigmentation)"),
        N_(
            "Darker patches that can appear weeks after the skin was irritated. Doctors call them "
            "post-inflammatory hyperpigmentation."
        ),
    ),
    Term(
        "retinoids",
        N_("Retinoids"),
        N_("Skin creams made from vitamin A, such as retinol. They can make healing skin sore or red."),
    ),
    Term(
        "cold-sores",
        N_("Cold sores (herpes simplex)"),
        N_(
            "Small painful blisters, often around the mouth, from a common virus that can wake up after skin treatment."
        ),
    ),
    Term(
        "ectropion",
        N_("Eyelid pulling away (ectropion)"),
        N_("When the lower eyelid is pulled down and away from the eye. It is rare after laser treatment."),
    ),
)

GLOSSARY_ANCHOR = "glossary"
