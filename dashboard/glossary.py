"""Plain words for the few medical terms the app cannot avoid, shown on the sources page and linked from where
they first appear."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Term:
    id: str
    term: str
    plain: str


GLOSSARY: tuple[Term, ...] = (
    Term("ablative", "Ablative laser",
         "A laser that removes thin layers of the outer skin. CO2 lasers are ablative."),
    Term("nonablative", "Nonablative laser",
         "A laser that heats the skin below the surface but leaves the surface whole, so there is no open wound."),
    Term("fractional", "Fractional laser",
         "A laser that treats the skin in a grid of tiny dots and leaves the skin between them alone. That skin "
         "helps the dots heal fast."),
    Term("fully-ablative", "Fully ablative laser",
         "A laser that removes the whole outer layer of the treated skin, not just dots. Healing takes longer."),
    Term("erythema", "Erythema", "The medical word for redness of the skin."),
    Term("bronzing", "Bronzing",
         "A brown, tanned look as tiny bits of treated skin come up to the surface. They flake off by themselves."),
    Term("mends", "MENDs",
         "Tiny bits of treated skin that come up after a nonablative laser and flake off within a week."),
    Term("milia", "Milia", "Tiny white bumps, like grains of sand under the skin."),
    Term("collagen", "Collagen",
         "The protein that keeps skin firm. Type III collagen is the first, softer kind the body makes after an "
         "injury. Type I collagen is the strong, mature kind that slowly takes its place."),
    Term("elastin", "Elastin", "The stretchy fibres that let skin spring back."),
    Term("heat-shock", "Heat-shock protein",
         "A protein that cells make when they are heated. It is an early signal that starts the repair."),
    Term("phases", "Inflammation, proliferation, remodelling",
         "The three stages of healing. First the body cleans up the wound, over a few days. Then new skin and "
         "early collagen grow, over a few weeks. Then, for months, that collagen is slowly made stronger."),
    Term("fitzpatrick", "Skin type (Fitzpatrick I to VI)",
         "A scale of how skin reacts to the sun. Type I always burns and never tans. Type VI never burns and is "
         "deeply pigmented."),
    Term("pih", "Dark patches (hyperpigmentation)",
         "Darker patches that can appear weeks after the skin was irritated. Doctors call them post-inflammatory "
         "hyperpigmentation."),
    Term("retinoids", "Retinoids",
         "Skin creams made from vitamin A, such as retinol. They can make healing skin sore or red."),
    Term("cold-sores", "Cold sores (herpes simplex)",
         "Small painful blisters, often around the mouth, from a common virus that can wake up after skin "
         "treatment."),
    Term("ectropion", "Eyelid pulling away (ectropion)",
         "When the lower eyelid is pulled down and away from the eye. It is rare after laser treatment."),
)

GLOSSARY_ANCHOR = "glossary"
