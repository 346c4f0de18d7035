"""Extension objects, made here unbound and bound to an app in the factory."""

from flask_babel import Babel
from flask_compress import Compress
from flask_login import LoginManager
from flask_wtf.csrf import CSRFProtect

babel = Babel()
#: compresses only the views that ask for it (COMPRESS_REGISTER off), e.g. the graph map
compress = Compress()
csrf = CSRFProtect()
login_manager = LoginManager()
