#!/usr/bin/python3
"""Writes the Swift value type and protobuf-c codec of every message and enum of the contracts,
from a FileDescriptorSet (`protoc --descriptor_set_out --include_source_info --include_imports`).
Run by Protos/generate.sh, never by hand; its output is committed and `generate.sh --check`
fails when it is stale.

    swift_contracts.py DESCRIPTOR_SET SOURCES_OUT_DIR TESTS_OUT_FILE

Per .proto file it writes `<Package>.pb.swift` into SOURCES_OUT_DIR: for each message a package-visible
struct (properties in field order, a memberwise init whose every argument has the proto3
default, the field numbers for readers of the raw encoding) and an internal extension that
fills and reads the protobuf-c struct (`CBackedMessage`, Sources/Contracts/CMessageCodec.swift);
for each enum a Swift enum whose numbers this build does not know survive as `unrecognized`.
TESTS_OUT_FILE gets one test per message comparing the Swift encoding of a fully populated value
with python-protobuf's encoding of the same value (an encoder independent of protobuf-c).

Needs Debian's python3-protobuf (the google.protobuf package), hence /usr/bin/python3.
"""
import sys
from pathlib import Path

from google.protobuf import descriptor_pb2, descriptor_pool, message_factory
from google.protobuf.descriptor_pb2 import FieldDescriptorProto as F

# Swift names that differ from the protobuf names, so that callers written against the earlier
# hand-written contracts keep compiling. Each says why.
TYPE_NAMES = {
    # The frame envelope and its status are named for the Wire layer that uses them.
    "crimescope.rpc.v1.Envelope": "RPCEnvelope",
    "crimescope.rpc.v1.Status": "WireStatus",
}
# Enums not generated: Wire's `StatusCode` names the codes, and the status field carries the number.
SKIPPED_ENUMS = {"crimescope.rpc.v1.StatusCode"}
# Enums whose unknown numbers read as the zero value instead of surviving as `unrecognized`: a
# frame of a kind this build does not know is a protocol error either way.
CLOSED_ENUMS = {"crimescope.rpc.v1.FrameKind"}
# Words written in capitals (or their own camel case) in Swift names.
FIELD_WORDS = {"id": "ID", "wkb": "WKB", "pai": "PAI", "geojson": "GeoJSON"}
ENUM_WORDS = {"csv": "CSV", "json": "JSON", "uk": "UK", "wkt": "WKT", "geojson": "GeoJSON"}
SWIFT_KEYWORDS = {"associatedtype", "class", "deinit", "enum", "extension", "func", "import", "init",
                  "inout", "internal", "let", "operator", "private", "protocol", "public", "static",
                  "struct", "subscript", "typealias", "var", "break", "case", "continue", "default",
                  "defer", "do", "else", "fallthrough", "for", "guard", "if", "in", "repeat", "return",
                  "switch", "where", "while", "as", "catch", "false", "is", "nil", "rethrows", "super",
                  "self", "Self", "throw", "throws", "true", "try", "Type", "Any", "Protocol"}

SCALARS = {  # protobuf type -> (Swift type, default literal)
    F.TYPE_DOUBLE: ("Double", "0"), F.TYPE_FLOAT: ("Float", "0"),
    F.TYPE_INT64: ("Int64", "0"), F.TYPE_SINT64: ("Int64", "0"), F.TYPE_SFIXED64: ("Int64", "0"),
    F.TYPE_UINT64: ("UInt64", "0"), F.TYPE_FIXED64: ("UInt64", "0"),
    F.TYPE_INT32: ("Int32", "0"), F.TYPE_SINT32: ("Int32", "0"), F.TYPE_SFIXED32: ("Int32", "0"),
    F.TYPE_UINT32: ("UInt32", "0"), F.TYPE_FIXED32: ("UInt32", "0"),
    F.TYPE_BOOL: ("Bool", "false"), F.TYPE_STRING: ("String", '""'), F.TYPE_BYTES: ("[UInt8]", "[]"),
}


def words_camel(words, table, upper_first):
    parts = [table.get(w, w[:1].upper() + w[1:]) for w in words if w]
    if not upper_first and parts:
        first = parts[0]
        parts[0] = first.lower() if first.isupper() else first[:1].lower() + first[1:]
    return "".join(parts)


def field_name(name):
    swift = words_camel(name.lower().split("_"), FIELD_WORDS, False)
    return f"`{swift}`" if swift in SWIFT_KEYWORDS else swift


def c_lower(name):
    """protoc-c's CamelToLower: `HealthCheckRequest` -> `health_check_request`."""
    out, was_upper = "", True
    for ch in name:
        if ch.isupper():
            out += ("" if was_upper else "_") + ch.lower()
            was_upper = True
        else:
            out += ch
            was_upper = False
    return out


class Model:
    """The descriptors of every file, indexed by full name, with their comments."""

    def __init__(self, fds):
        self.fds = fds
        self.messages, self.enums, self.comments = {}, {}, {}
        for file in fds.file:
            for location in file.source_code_info.location:
                text = location.leading_comments.strip("\n")
                if text:
                    self.comments[(file.name, tuple(location.path))] = text
            for index, message in enumerate(file.message_type):
                self._index_message(file, f"{file.package}.{message.name}", message, (4, index), None)
            for index, enum in enumerate(file.enum_type):
                self.enums[f"{file.package}.{enum.name}"] = (file, enum, (5, index), None)

    def _index_message(self, file, full, message, path, parent):
        self.messages[full] = (file, message, path, parent)
        for index, nested in enumerate(message.nested_type):
            self._index_message(file, f"{full}.{nested.name}", nested, path + (3, index), full)
        for index, enum in enumerate(message.enum_type):
            self.enums[f"{full}.{enum.name}"] = (file, enum, path + (4, index), full)

    def comment(self, file, path):
        return self.comments.get((file.name, tuple(path)))

    def swift_type(self, full):
        """The Swift name of a message or enum: its own name, nested inside its parent's."""
        if full in TYPE_NAMES:
            return TYPE_NAMES[full]
        entry = self.messages.get(full) or self.enums[full]
        parent = entry[3]
        short = full.rsplit(".", 1)[1]
        return f"{self.swift_type(parent)}.{short}" if parent else short

    def c_type(self, full):
        file = (self.messages.get(full) or self.enums[full])[0]
        package = file.package
        rest = full[len(package) + 1:].split(".")
        return "__".join([p[:1].upper() + p[1:] for p in package.split(".")] + rest)

    def c_function(self, full, suffix):
        file = self.messages[full][0]
        package = file.package
        rest = full[len(package) + 1:].split(".")
        return "__".join(package.split(".") + [c_lower(p) for p in rest] + [suffix])

    def is_map(self, field):
        if field.type != F.TYPE_MESSAGE:
            return False
        return self.messages[field.type_name.lstrip(".")][1].options.map_entry

    def map_entry(self, field):
        return self.messages[field.type_name.lstrip(".")][1]

    def enum_cases(self, full):
        """(Swift case name, number, value descriptor index) of every value of an enum."""
        _, enum, _, _ = self.enums[full]
        prefix = upper_snake(enum.name) + "_"
        names = [v.name for v in enum.value]
        strip = all(n.startswith(prefix) for n in names)
        return [(words_camel((v.name[len(prefix):] if strip else v.name).lower().split("_"), ENUM_WORDS, False),
                 v.number, index, v.name) for index, v in enumerate(enum.value)]


def wrapped(items, indent, width=120):
    """`items` comma-separated over lines of at most `width` characters, each starting with `indent`."""
    lines, line = [], ""
    for position, item in enumerate(items):
        piece = item + ("," if position < len(items) - 1 else "")
        if line and len(indent) + len(line) + 1 + len(piece) > width:
            lines.append(indent + line)
            line = piece
        else:
            line = f"{line} {piece}" if line else piece
    lines.append(indent + line)
    return lines


def upper_snake(name):
    return c_lower(name).upper()


def doc(lines, indent, text):
    for line in text.split("\n"):
        lines.append(f"{indent}///{(' ' + line.strip()) if line.strip() else ''}".rstrip())


# ---------------------------------------------------------------- Swift types and conversions

class Field:
    def __init__(self, model, message_full, field):
        self.model, self.field = model, field
        self.number, self.c = field.number, field.name
        self.swift = field_name(field.name)
        self.repeated = field.label == F.LABEL_REPEATED
        self.map = model.is_map(field)
        if self.swift.strip("`") in ("c", "arena"):
            raise SystemExit(f"{message_full}.{field.name}: a field named c or arena needs a new codec parameter name")

    def element(self, field=None):
        """(Swift type, default) of one value of `field` (default: this field) ignoring `repeated`."""
        field = field or self.field
        if field.type == F.TYPE_MESSAGE:
            return self.model.swift_type(field.type_name.lstrip(".")), "nil"
        if field.type == F.TYPE_ENUM:
            full = field.type_name.lstrip(".")
            if full in SKIPPED_ENUMS:
                return "Int32", "0"
            zero = next(name for name, number, _, _ in self.model.enum_cases(full) if number == 0)
            return self.model.swift_type(full), f".{zero}"
        return SCALARS[field.type]

    def swift_type(self):
        if self.map:
            entry = self.model.map_entry(self.field)
            return f"[{self.element(entry.field[0])[0]}: {self.element(entry.field[1])[0]}]"
        element, _ = self.element()
        if self.repeated:
            return f"[{element}]"
        return f"{element}?" if self.field.type == F.TYPE_MESSAGE else element

    def default(self):
        if self.map:
            return "[:]"
        if self.repeated:
            return "[]"
        return self.element()[1]


def write_value(field, value, model):
    """A Swift expression converting `value` (one element) for a C field of `field`'s kind."""
    if field.type == F.TYPE_STRING:
        return f"arena.string({value})"
    if field.type == F.TYPE_BYTES:
        return f"arena.binary({value})"
    if field.type == F.TYPE_BOOL:
        return f"CWrite.bool({value})"
    if field.type == F.TYPE_ENUM:
        full = field.type_name.lstrip(".")
        if full in SKIPPED_ENUMS:
            return f"{model.c_type(full)}(rawValue: UInt32(bitPattern: {value}))"
        return f"{value}.c"
    if field.type == F.TYPE_MESSAGE:
        return f"{value}.cPointer(in: arena)"
    return value


def read_value(field, value, model):
    """A Swift expression converting one C value of `field`'s kind to its Swift value."""
    if field.type == F.TYPE_STRING:
        return f"CRead.string({value})"
    if field.type == F.TYPE_BYTES:
        return f"CRead.bytes({value})"
    if field.type == F.TYPE_BOOL:
        return f"CRead.bool({value})"
    if field.type == F.TYPE_ENUM:
        full = field.type_name.lstrip(".")
        if full in SKIPPED_ENUMS:
            return f"Int32(bitPattern: {value}.rawValue)"
        return f"{model.swift_type(full)}(c: {value})"
    if field.type == F.TYPE_MESSAGE:
        return f"{model.swift_type(field.type_name.lstrip('.'))}(c: {value}.pointee)"
    return value


def fill_lines(model, f):
    name, c, field = f.swift, f.c, f.field
    if f.map:
        entry = model.map_entry(field)
        entry_full = field.type_name.lstrip(".")
        key, value = entry.field[0], entry.field[1]
        return [f"c.n_{c} = {name}.count",
                f"c.{c} = arena.map({name}, initialise: {model.c_function(entry_full, 'init')}) {{ entry, key, value in",
                f"    entry.key = {write_value(key, 'key', model)}",
                f"    entry.value = {write_value(value, 'value', model)}",
                "}"]
    if f.repeated:
        if field.type == F.TYPE_MESSAGE:
            array = f"arena.messages({name})"
        elif field.type in (F.TYPE_STRING,):
            array = f"arena.strings({name})"
        elif field.type in (F.TYPE_BOOL, F.TYPE_ENUM, F.TYPE_BYTES):
            array = f"arena.array({name}.map {{ {write_value(field, '$0', model)} }})"
        else:
            array = f"arena.array({name})"
        return [f"c.n_{c} = {name}.count", f"c.{c} = {array}"]
    if field.type == F.TYPE_MESSAGE:
        return [f"c.{c} = {name}?.cPointer(in: arena)"]
    return [f"c.{c} = {write_value(field, name, model)}"]


def read_line(model, f):
    name, c, field = f.swift, f.c, f.field
    if f.map:
        entry = model.map_entry(field)
        key, value = entry.field[0], entry.field[1]
        return (f"{name} = CRead.map(c.n_{c}, c.{c}) {{ ({read_value(key, '$0.key', model)}, "
                f"{read_value(value, '$0.value', model)}) }}")
    if f.repeated:
        if field.type == F.TYPE_MESSAGE:
            return f"{name} = CRead.messages(c.n_{c}, c.{c}, as: {f.element()[0]}.self)"
        if field.type == F.TYPE_STRING:
            return f"{name} = CRead.strings(c.n_{c}, c.{c})"
        if field.type in (F.TYPE_BOOL, F.TYPE_ENUM, F.TYPE_BYTES):
            return f"{name} = CRead.array(c.n_{c}, c.{c}).map {{ {read_value(field, '$0', model)} }}"
        return f"{name} = CRead.array(c.n_{c}, c.{c})"
    if field.type == F.TYPE_MESSAGE:
        return f"{name} = CRead.message(c.{c}, as: {f.element()[0]}.self)"
    return f"{name} = {read_value(field, 'c.' + c, model)}"


# ---------------------------------------------------------------- declarations

def message_declaration(model, full, indent=""):
    file, message, path, _ = model.messages[full]
    swift = model.swift_type(full)
    short = swift.rsplit(".", 1)[-1]
    fields = [Field(model, full, field) for field in message.field]
    lines = []
    comment = model.comment(file, path)
    lines.append(f"{indent}/// `{full}`" + (":" if comment else "."))
    if comment:
        doc(lines, indent, comment)
    lines.append(f"{indent}package struct {short}: ProtoMessage {{")
    inner = indent + "    "
    lines.append(f'{inner}package static let protoName = "{full}"')
    for index, enum in enumerate(message.enum_type):
        if f"{full}.{enum.name}" not in SKIPPED_ENUMS:
            lines.append("")
            lines += enum_declaration(model, f"{full}.{enum.name}", inner)
    for index, nested in enumerate(message.nested_type):
        if not nested.options.map_entry:
            lines.append("")
            lines += message_declaration(model, f"{full}.{nested.name}", inner)
    if fields:
        lines.append("")
    for index, f in enumerate(fields):
        comment = model.comment(file, path + (2, index))
        if comment:
            doc(lines, inner, comment)
        lines.append(f"{inner}package var {f.swift}: {f.swift_type()}")
    lines.append("")
    arguments = [f"{f.swift}: {f.swift_type()} = {f.default()}" for f in fields]
    signature = f"{inner}package init(" + ", ".join(arguments) + ") {"
    if len(signature) <= 120:
        lines.append(signature)
    else:
        lines.append(f"{inner}package init(")
        lines += wrapped(arguments, inner + "    ")
        lines.append(f"{inner}) {{")
    for f in fields:
        bare = f.swift.strip("`")
        lines.append(f"{inner}    self.{bare} = {f.swift}")
    lines.append(f"{inner}}}")
    if fields:
        lines.append("")
        lines.append(f"{inner}/// The field numbers, for readers of the raw encoding (``ProtoWireReader``).")
        lines.append(f"{inner}package enum FieldNumber {{")
        numbers = wrapped([f"{f.swift} = {f.number}" for f in fields], inner + "        ")
        numbers[0] = f"{inner}    package static let " + numbers[0].lstrip()
        lines += numbers
        lines.append(f"{inner}}}")
    lines.append(f"{indent}}}")
    return lines


def message_codec(model, full):
    _, message, _, _ = model.messages[full]
    swift = model.swift_type(full)
    fields = [Field(model, full, field) for field in message.field]
    lines = [f"extension {swift}: CBackedMessage {{",
             f"    typealias CMessage = {model.c_type(full)}",
             f"    static let cInit = {model.c_function(full, 'init')}",
             f"    static let cUnpack = {model.c_function(full, 'unpack')}",
             f"    static let cFree = {model.c_function(full, 'free_unpacked')}",
             ""]
    lines.append(f"    func fill(_ {'c' if fields else '_'}: inout CMessage, arena: CArena) {{")
    for f in fields:
        lines += [f"        {line}" for line in fill_lines(model, f)]
    lines.append("    }")
    lines.append("")
    lines.append(f"    init(c{' _' if not fields else ''}: CMessage) {{")
    for f in fields:
        lines.append(f"        {read_line(model, f)}")
    lines.append("    }")
    lines.append("}")
    for nested in message.nested_type:
        if not nested.options.map_entry:
            lines += [""] + message_codec(model, f"{full}.{nested.name}")
    for enum in message.enum_type:
        if f"{full}.{enum.name}" not in SKIPPED_ENUMS:
            lines += [""] + enum_codec(model, f"{full}.{enum.name}")
    return lines


def enum_declaration(model, full, indent=""):
    file, enum, path, _ = model.enums[full]
    short = model.swift_type(full).rsplit(".", 1)[-1]
    cases = model.enum_cases(full)
    closed = full in CLOSED_ENUMS
    zero = next(name for name, number, _, _ in cases if number == 0)
    lines = []
    comment = model.comment(file, path)
    lines.append(f"{indent}/// `{full}`" + (":" if comment else "."))
    if comment:
        doc(lines, indent, comment)
    lines.append(f"{indent}///")
    if closed:
        lines.append(f"{indent}/// A number this build does not know reads as ``{zero}``.")
        lines.append(f"{indent}package enum {short}: Int32, Sendable, Equatable, CaseIterable {{")
    else:
        lines.append(f"{indent}/// A number this build does not know is kept as ``unrecognized(_:)``: it survives a decode and")
        lines.append(f"{indent}/// an encode, as proto3's open enums require.")
        lines.append(f"{indent}package enum {short}: RawRepresentable, Sendable, Hashable, CaseIterable {{")
    inner = indent + "    "
    for name, number, index, _ in cases:
        comment = model.comment(file, path + (2, index))
        if comment:
            doc(lines, inner, comment)
        lines.append(f"{inner}case {name}" + (f" = {number}" if closed else ""))
    if not closed:
        lines.append(f"{inner}/// A number this build has no case for.")
        lines.append(f"{inner}case unrecognized(Int32)")
        lines.append("")
        lines.append(f"{inner}/// Every number is a value: the ones this build does not know are ``unrecognized(_:)``.")
        lines.append(f"{inner}package init(rawValue: Int32) {{")
        lines.append(f"{inner}    switch rawValue {{")
        for name, number, _, _ in cases:
            lines.append(f"{inner}    case {number}: self = .{name}")
        lines.append(f"{inner}    default: self = .unrecognized(rawValue)")
        lines.append(f"{inner}    }}")
        lines.append(f"{inner}}}")
        lines.append("")
        lines.append(f"{inner}package var rawValue: Int32 {{")
        lines.append(f"{inner}    switch self {{")
        for name, number, _, _ in cases:
            lines.append(f"{inner}    case .{name}: {number}")
        lines.append(f"{inner}    case .unrecognized(let number): number")
        lines.append(f"{inner}    }}")
        lines.append(f"{inner}}}")
        lines.append("")
        lines.append(f"{inner}/// The values this build knows.")
        lines.append(f"{inner}package static let allCases: [{short}] = [" + ", ".join(f".{n}" for n, _, _, _ in cases) + "]")
        lines.append("")
        lines.append(f"{inner}/// Equal numbers are equal values, however they were made.")
        lines.append(f"{inner}package static func == (lhs: {short}, rhs: {short}) -> Bool {{ lhs.rawValue == rhs.rawValue }}")
        lines.append("")
        lines.append(f"{inner}package func hash(into hasher: inout Hasher) {{ hasher.combine(rawValue) }}")
    lines.append("")
    example = next((proto for _, number, _, proto in cases if number != 0), cases[0][3])
    lines.append(f"{inner}/// The protobuf enum value name, e.g. `{example}`" + ("" if closed else "; the number for an unrecognized value") + ".")
    lines.append(f"{inner}package var name: String {{")
    lines.append(f"{inner}    switch self {{")
    for name, _, _, proto in cases:
        lines.append(f'{inner}    case .{name}: "{proto}"')
    if not closed:
        lines.append(f"{inner}    case .unrecognized(let number): String(number)")
    lines.append(f"{inner}    }}")
    lines.append(f"{inner}}}")
    lines.append(f"{indent}}}")
    return lines


def enum_codec(model, full):
    swift = model.swift_type(full)
    c_type = model.c_type(full)
    closed = full in CLOSED_ENUMS
    zero = next(name for name, number, _, _ in model.enum_cases(full) if number == 0)
    read = (f"Self(rawValue: Int32(bitPattern: c.rawValue)) ?? .{zero}" if closed
            else "Self(rawValue: Int32(bitPattern: c.rawValue))")
    return [f"extension {swift} {{",
            "    /// The value of a C field.",
            f"    init(c: {c_type}) {{",
            f"        self = {read}",
            "    }",
            "",
            "    /// The value for a C field.",
            f"    var c: {c_type} {{",
            f"        {c_type}(rawValue: UInt32(bitPattern: rawValue))",
            "    }",
            "}"]


def file_name(file):
    component = file.package.split(".")[1]
    stem = Path(file.name).stem
    base = "RPC" if component == "rpc" else component[:1].upper() + component[1:]
    if stem != component:
        base += stem[:1].upper() + stem[1:]
    return f"{base}.pb.swift"


def source_file(model, file):
    lines = [f"// Generated by Protos/generate.sh (Protos/swift_contracts.py) from {file.name}. Do not edit.", "",
             "import CrimeScopeProtos"]
    for enum in file.enum_type:
        full = f"{file.package}.{enum.name}"
        if full not in SKIPPED_ENUMS:
            lines += [""] + enum_declaration(model, full) + [""] + enum_codec(model, full)
    for message in file.message_type:
        full = f"{file.package}.{message.name}"
        lines += [""] + message_declaration(model, full) + [""] + message_codec(model, full)
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------- golden tests

class Samples:
    """A fully populated value of every message, as a Swift expression and as python-protobuf."""

    def __init__(self, model, pool):
        self.model, self.pool = model, pool
        self.factory = message_factory.MessageFactory(pool)

    def scalar(self, field, index, salt):
        n = field.number * 10 + index + 3 + 1000 * salt
        negative = field.number % 2 == 0
        t = field.type
        if t in (F.TYPE_INT32, F.TYPE_SINT32, F.TYPE_SFIXED32):
            value = -n if negative else n
            return value, str(value)
        if t in (F.TYPE_INT64, F.TYPE_SINT64, F.TYPE_SFIXED64):
            value = (n << 33) + n
            value = -value if negative else value
            return value, str(value)
        if t in (F.TYPE_UINT32, F.TYPE_FIXED32):
            value = 4_000_000_000 + n
            return value, str(value)
        if t in (F.TYPE_UINT64, F.TYPE_FIXED64):
            value = (1 << 63) + n
            return value, str(value)
        if t in (F.TYPE_DOUBLE, F.TYPE_FLOAT):
            value = n + 0.375
            value = -value if negative else value
            return value, repr(value)
        if t == F.TYPE_BOOL:
            return index == 0, "true" if index == 0 else "false"
        if t == F.TYPE_STRING:
            value = f"{field.name} {index}.{salt} \u00e9\u2713"
            return value, '"' + value + '"'
        if t == F.TYPE_BYTES:
            value = bytes([0, 255, field.number, index, salt % 256])
            return value, "[" + ", ".join(str(b) for b in value) + "]"
        raise SystemExit(f"no sample for field type {t}")

    def enum_value(self, field, index):
        full = field.type_name.lstrip(".")
        if full in SKIPPED_ENUMS:
            number = self.model.enums[full][1].value[-1].number
            return number, str(number)
        cases = self.model.enum_cases(full)
        name, number, _, _ = cases[-1 - index] if len(cases) > index + 1 else cases[-1]
        return number, f".{name}"

    def message(self, full, depth, salt=0):
        """(python message, Swift expression) of a fully populated `full`."""
        _, message, _, _ = self.model.messages[full]
        python = self.factory.GetPrototype(self.pool.FindMessageTypeByName(full))()
        arguments = []
        for field in message.field:
            f = Field(self.model, full, field)
            if f.map:
                entry = self.model.map_entry(field)
                pairs = []
                for index in range(2):
                    key, key_swift = self.single(entry.field[0], index, depth, salt)
                    value, value_swift = self.single(entry.field[1], index, depth, salt)
                    getattr(python, field.name)[key] = value
                    pairs.append(f"{key_swift}: {value_swift}")
                arguments.append(f"{f.swift}: [{', '.join(pairs)}]")
            elif f.repeated:
                items = []
                for index in range(2):
                    value, swift = self.single(field, index, depth, salt)
                    if field.type == F.TYPE_MESSAGE:
                        getattr(python, field.name).add().CopyFrom(value)
                    else:
                        getattr(python, field.name).append(value)
                    items.append(swift)
                arguments.append(f"{f.swift}: [{', '.join(items)}]")
            else:
                value, swift = self.single(field, 0, depth, salt)
                if field.type == F.TYPE_MESSAGE:
                    getattr(python, field.name).CopyFrom(value)
                else:
                    setattr(python, field.name, value)
                arguments.append(f"{f.swift}: {swift}")
        return python, f"{self.model.swift_type(full)}({', '.join(arguments)})"

    def single(self, field, index, depth, salt):
        if field.type == F.TYPE_MESSAGE:
            full = field.type_name.lstrip(".")
            if depth >= 2:
                python = self.factory.GetPrototype(self.pool.FindMessageTypeByName(full))()
                return python, f"{self.model.swift_type(full)}()"
            return self.message(full, depth + 1, salt * 2 + index + 1)
        if field.type == F.TYPE_ENUM:
            return self.enum_value(field, index)
        return self.scalar(field, index, salt)


def test_file(model, pool):
    samples = Samples(model, pool)
    lines = ["// Generated by Protos/generate.sh (Protos/swift_contracts.py). Do not edit.", "",
             "import Contracts", "import Testing", "",
             "/// Every message, fully populated, against python-protobuf's encoding of the same value (an",
             "/// encoder independent of protobuf-c): the Swift value encodes to those bytes and decodes from them.",
             '@Suite("Every message matches python-protobuf\'s encoding")',
             "struct GeneratedGoldenTests {"]
    names = set()
    for full in sorted(model.messages):
        message = model.messages[full][1]
        if message.options.map_entry:
            continue
        python, swift = samples.message(full, 0)
        encoded = python.SerializeToString(deterministic=True)
        test = model.swift_type(full).replace(".", "")
        test = test[:1].lower() + test[1:]
        assert test not in names, test
        names.add(test)
        lines.append(f"    @Test func {test}() throws {{")
        lines.append(f"        try assertGolden(")
        lines.append(f"            {swift},")
        lines.append(f'            hex: "{encoded.hex()}")')
        lines.append("    }")
        lines.append("")
    lines[-1] = "}"
    return "\n".join(lines) + "\n"


def main(descriptor_set, sources_dir, tests_file):
    fds = descriptor_pb2.FileDescriptorSet()
    fds.ParseFromString(Path(descriptor_set).read_bytes())
    model = Model(fds)
    pool = descriptor_pool.DescriptorPool()
    for file in fds.file:
        pool.Add(file)
    out = Path(sources_dir)
    out.mkdir(parents=True, exist_ok=True)
    names = set()
    for file in fds.file:
        name = file_name(file)
        if name in names:
            raise SystemExit(f"two .proto files map to {name}")
        names.add(name)
        (out / name).write_text(source_file(model, file), encoding="utf-8")
    Path(tests_file).parent.mkdir(parents=True, exist_ok=True)
    Path(tests_file).write_text(test_file(model, pool), encoding="utf-8")


if __name__ == "__main__":
    if len(sys.argv) != 4:
        raise SystemExit(__doc__)
    main(*sys.argv[1:])
