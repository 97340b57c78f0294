from . import shopfloor_terminal_pair_wizard
from . import shopfloor_quality_hold_release_wizard
