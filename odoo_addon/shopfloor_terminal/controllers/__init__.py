from . import main
from . import attachments
