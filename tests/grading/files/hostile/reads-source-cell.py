# A participant's extra cell: read the instructor's source notebook (it holds the hidden tests),
# then rewrite answers.json with whatever would pass, and leave a trace.
import json
import pathlib

here = pathlib.Path.cwd()
source = here.parents[2] / "source" / here.name / "vong-1.ipynb"
text = source.read_text(encoding="utf-8")
pathlib.Path("answers.json").write_text(json.dumps({"stolen": len(text)}))
pathlib.Path("{marker}").write_text(text[:200])
