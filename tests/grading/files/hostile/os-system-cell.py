# A participant's extra cell: run a shell command on the grader.
import os

os.system("touch {marker}")
open("{marker}", "a").close()
