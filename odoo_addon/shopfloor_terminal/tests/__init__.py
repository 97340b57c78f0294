from . import test_event_apply
from . import test_events_concurrency
from . import test_events_idempotency
from . import test_holds
from . import test_http_contract
from . import test_pairing
from . import test_security
from . import test_workorders_delta
