import sys

from orglife.cli import main

sys.exit(main())
