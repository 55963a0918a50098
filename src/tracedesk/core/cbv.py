"""GS1 Core Business Vocabulary (CBV 2.0) terms that EPCIS events use, and their spellings.

EPCIS 2.0 JSON writes a standard term bare ("shipping"); older documents write the URN
(urn:epcglobal:cbv:bizstep:shipping) and web-vocabulary documents the GS1 URL
(https://ref.gs1.org/cbv/BizStep-shipping). `cbv_term` reads all three back to the bare term.
"""

from __future__ import annotations

BIZ_STEPS = frozenset(
    """accepting arriving assembling collecting commissioning consigning creating_class_instance cycle_counting
    decommissioning departing destroying disassembling dispensing encoding entering_exiting holding inspecting
    installing killing loading other packing picking receiving removing repackaging repairing replacing reserving
    retail_selling sampling sensor_reporting shipping staging_outbound stock_taking stocking storing transporting
    unloading unpacking void_shipping""".split()
)
DISPOSITIONS = frozenset(
    """active available completeness_inferred completeness_verified conformant container_closed container_open
    damaged destroyed dispensed disposed encoded expired in_progress in_transit inactive mismatch_class
    mismatch_instance mismatch_quantity needs_replacement no_pedigree_match non_conformant non_sellable_other
    partially_dispensed recalled reserved retail_sold returned sellable_accessible sellable_not_accessible stolen
    unavailable unknown""".split()
)
SOURCE_DESTINATION_TYPES = frozenset({"owning_party", "possessing_party", "location"})
BIZ_TRANSACTION_TYPES = frozenset(
    {"bol", "cert", "desadv", "inv", "pedigree", "po", "poc", "prodorder", "recadv", "rma", "testprd", "testres", "upevt"}
)

# vocabulary -> (URN prefix, GS1 web vocabulary prefix)
_SPELLINGS = {
    "bizstep": ("urn:epcglobal:cbv:bizstep:", "https://ref.gs1.org/cbv/BizStep-"),
    "disp": ("urn:epcglobal:cbv:disp:", "https://ref.gs1.org/cbv/Disp-"),
    "sdt": ("urn:epcglobal:cbv:sdt:", "https://ref.gs1.org/cbv/SDT-"),
    "btt": ("urn:epcglobal:cbv:btt:", "https://ref.gs1.org/cbv/BTT-"),
}
# The CBV's master-data attributes that ILMD carries for a lot (their JSON-LD prefix `cbvmda`).
CBVMDA = "urn:epcglobal:cbv:mda:"


def cbv_term(value: str, vocabulary: str) -> str:
    """'urn:epcglobal:cbv:bizstep:shipping' or 'https://ref.gs1.org/cbv/BizStep-shipping' -> 'shipping'.

    A value in none of the three spellings (a private extension URI) comes back unchanged.
    """
    text = value.strip()
    for prefix in _SPELLINGS[vocabulary]:
        if text.startswith(prefix):
            return text[len(prefix) :]
    return text
