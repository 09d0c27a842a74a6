"""The one reading of a Table Schema descriptor.

Table Schema lets several keys be written two ways (``primaryKey: id`` or
``primaryKey: [id]``; a foreign key's ``fields`` and ``reference.fields`` likewise) and
leaves titles and constraints optional. Every stage reads a ``TableSchema`` made once
here, where those choices are settled: keys are always tuples, every field has a title.
The raw descriptor is kept only for Frictionless and for publishing.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from builder import messages


class SchemaFault(ValueError):
    """A descriptor this module cannot read: the message says what is wrong."""


def _fault(code: str, **params: Any) -> SchemaFault:
    """A SchemaFault worded from the commands catalogue, Chinese / English."""
    return SchemaFault(" / ".join(messages.render(code, params)))


@dataclass(frozen=True)
class Field:
    """One field of a table.

    Attributes:
        name: the column or key name.
        title: the Chinese title shown to staff and residents (the name when untitled).
        type: the Table Schema type (``string``, ``number``, ``date``...).
        constraints: the field's constraints as written (empty when none).
        description: the field's description ("" when none): the hint a report gives
            after a type or constraint error.
        personal: whether the field holds personal details (``personal: true`` in the
            descriptor, a property of gongshi's own that Frictionless passes by): such
            a value needs a stated basis and is published only until its end date
            (``core.personal``).
    """

    name: str
    title: str
    type: str = "string"
    constraints: Mapping[str, Any] = field(default_factory=dict)
    description: str = ""
    personal: bool = False

    @property
    def required(self) -> bool:
        return self.constraints.get("required") is True


@dataclass(frozen=True)
class ForeignKey:
    """A foreign key: ``fields`` of this table refer to ``reference_fields`` of the
    resource ``resource`` (the same table when ``resource`` is empty)."""

    fields: tuple[str, ...]
    resource: str
    reference_fields: tuple[str, ...]


@dataclass(frozen=True, eq=False)
class TableSchema:
    """A Table Schema, read once.

    Attributes:
        fields: the fields in their order.
        primary_key: the primary key's field names (empty when none).
        foreign_keys: the foreign keys.
        descriptor: the descriptor as written (for Frictionless and publishing only).
    """

    fields: tuple[Field, ...]
    primary_key: tuple[str, ...] = ()
    foreign_keys: tuple[ForeignKey, ...] = ()
    descriptor: Mapping[str, Any] = field(default_factory=dict, repr=False)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)

    @property
    def personal(self) -> tuple[str, ...]:
        """The names of the fields marked ``personal: true``."""
        return tuple(f.name for f in self.fields if f.personal)

    def field(self, name: str | None) -> Field | None:
        return next((f for f in self.fields if f.name == name), None)

    def title(self, name: str | None) -> str:
        """The field's title; the name itself for an unknown field."""
        found = self.field(name)
        return found.title if found else (name or "")

    @classmethod
    def from_descriptor(cls, descriptor: Any) -> TableSchema:
        """Read a descriptor; raise SchemaFault when its shape cannot be read at all
        (Frictionless judges the rest)."""
        if not isinstance(descriptor, Mapping) or not isinstance(descriptor.get("fields"), list):
            raise _fault("schema-fields-not-list")
        fields = []
        for spec in descriptor["fields"]:
            name = spec.get("name") if isinstance(spec, Mapping) else None
            if not isinstance(name, str) or not name:
                raise _fault("schema-field-no-name")
            constraints = spec.get("constraints") or {}
            if not isinstance(constraints, Mapping):
                raise _fault("schema-constraints-not-mapping", name=name)
            fields.append(
                Field(
                    name,
                    str(spec.get("title") or name),
                    spec.get("type", "string"),
                    constraints,
                    str(spec.get("description", "")),
                    spec.get("personal") is True,
                )
            )
        foreign_keys = []
        for fk in descriptor.get("foreignKeys") or []:
            reference = fk.get("reference") if isinstance(fk, Mapping) else None
            if not isinstance(reference, Mapping):
                raise _fault("schema-no-reference")
            foreign_keys.append(
                ForeignKey(
                    key_names(fk.get("fields")),
                    str(reference.get("resource") or ""),
                    key_names(reference.get("fields")),
                )
            )
        return cls(
            tuple(fields),
            key_names(descriptor.get("primaryKey")),
            tuple(foreign_keys),
            descriptor,
        )


def key_names(key: Any) -> tuple[str, ...]:
    """A key as Table Schema allows it to be written (a name or a list) as a tuple."""
    if key is None:
        return ()
    if isinstance(key, str):
        return (key,)
    if isinstance(key, list) and all(isinstance(k, str) for k in key):
        return tuple(key)
    raise _fault("schema-bad-key", key=repr(key))
