"""Human words for the network's enums, translatable, for pages, forms and exports."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from arena.members.models import StakeholderRole

STAKEHOLDER_ROLES = {
    StakeholderRole.PROVIDER: _l("Provider"),
    StakeholderRole.MUNICIPALITY: _l("Municipality"),
    StakeholderRole.CLIENT: _l("Client or experience expert"),
    StakeholderRole.EMPLOYER: _l("Employer"),
    StakeholderRole.SOCIAL_ENTREPRENEUR: _l("Social entrepreneur"),
    StakeholderRole.POLICY_MAKER: _l("Policy maker"),
    StakeholderRole.RESEARCHER: _l("Researcher"),
    StakeholderRole.OTHER: _l("Other"),
}
