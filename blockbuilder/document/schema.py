"""The project file's JSON Schema, generated from the pydantic models; never edit the file by hand.

`python -m blockbuilder.document.schema` rewrites schema/project.schema.json; a test fails when the
committed file differs from a fresh generation. The schema describes the document's shape;
what the block catalog allows (block types, parameter values, what goes inside what) is
checked by blockbuilder.document.projectfile when a file is loaded.
"""
from __future__ import annotations

import json
import pathlib
import sys

from pydantic.json_schema import GenerateJsonSchema

from .project import SCHEMA_VERSION, Project
from .weights import PLAIN_UP_TO

SCHEMA_PATH = pathlib.Path(__file__).resolve().parents[2] / "schema" / "project.schema.json"
SCHEMA_ID = f"urn:blockbuilder:project:v{SCHEMA_VERSION}"


class _Generator(GenerateJsonSchema):
    def tagged_union_schema(self, schema):
        out = super().tagged_union_schema(schema)
        # A trained array's branches overlap ([] is both a vector and a matrix), so any of, not one of.
        if "oneOf" in out and "discriminator" not in out:
            out["anyOf"] = out.pop("oneOf")
        return out


# A trained array as a file may also hold it (weights.pack): not a model type, the loader unpacks it.
PACKED = {
    "type": "object",
    "description": "A big array, packed: its numbers as little-endian IEEE 754 doubles (float64), "
                   "row after row, in base64.",
    "properties": {
        "shape": {"type": "array", "items": {"type": "integer", "minimum": 0}, "minItems": 1, "maxItems": 2,
                  "description": "[numbers] for a vector, [rows, columns] for a matrix."},
        "float64": {"type": "string", "contentEncoding": "base64",
                    "description": "The numbers' 8 bytes each, little-endian, in base64."},
    },
    "required": ["shape", "float64"],
    "additionalProperties": False,
}


def project_schema() -> dict:
    """The JSON Schema of a project file, as a dict."""
    body = Project.model_json_schema(schema_generator=_Generator)
    body.pop("title", None)
    trained = body["properties"]["trained"]
    trained["additionalProperties"]["additionalProperties"]["anyOf"].append(PACKED)
    trained["description"] += f" Arrays of more than {PLAIN_UP_TO} numbers are written packed."
    body["required"] = ["schema_version"]  # it has a default in Python, but loading refuses a file without it
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": SCHEMA_ID,
            "title": f"blockbuilder project (file version {SCHEMA_VERSION})", **body}


def schema_text() -> str:
    """The schema file's exact text."""
    return json.dumps(project_schema(), ensure_ascii=False, indent=1) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Write the schema to SCHEMA_PATH, or to the path given as the only argument."""
    args = sys.argv[1:] if argv is None else argv
    path = pathlib.Path(args[0]) if args else SCHEMA_PATH
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(schema_text(), encoding="utf-8", newline="\n")
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
