#!/usr/bin/env python3
"""Narrows the access of hand-written declarations in Sources/ and bench/ (issue 13 item 5).

Every library target is used only inside this package (its executables, benches and tests), and
Package.swift exports only executables, so nothing needs `public`:

1. `public`/`open` becomes `package` (SwiftPM passes -package-name to every target of the package).
2. A `package` declaration becomes internal when no file that can see it needs its name: a file
   sees module M's declarations only if it imports M (MemberImportVisibility is on for every
   target), and tests that `@testable import M` see its internals anyway. It stays `package` when
   a file of another module or a bench that imports M mentions its name, when a test of M's
   `TestSupport` does, when a declaration that stays `package` in the same module names it in its
   signature (a `package` API cannot expose an internal type), or when its name is a requirement
   of a protocol (a witness must be as visible as its conforming type).
   Members of internal types lose their `package` (they cannot be reached anyway), and
   `internal(set)` on what became internal goes.
3. A test file that plainly imports M and mentions a name that became internal imports it
   `@testable`.

Passes repeat until nothing changes, so the result is a fixed point: re-running it (after a rebase,
or after adding code) narrows only what is new. Should the compiler ever insist on more access
than this finds, list the declaration in scripts/access-keep.txt (`<public|package> <path>
<name>`; none is needed today). Generated contracts are left alone here: Protos/swift_contracts.py
and swift_methods.py emit `package` themselves.

    scripts/access-tidy.py           rewrite the files
    scripts/access-tidy.py --check   list what would change, exit 1 if anything would
"""
import argparse
import os
import re
import sys

from swift_declarations import ATTRIBUTES, KEYWORDS, MODIFIERS

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# A modifier only where a declaration follows (`open` and `package` are also ordinary names).
PUBLIC = re.compile(r"^(\s*" + ATTRIBUTES + MODIFIERS + r")(?:public|open)(\s+)(?=" + MODIFIERS + KEYWORDS + ")")
PACKAGE = re.compile(r"^(\s*" + ATTRIBUTES + MODIFIERS + r")package(\s+)(?=" + MODIFIERS + KEYWORDS + ")")
NAMED = re.compile(r"\b(?:func|var|let|struct|enum|class|actor|protocol|typealias)\s+(`?\w+`?)")
# Requirements of protocols from outside the package (Swift, Foundation, NIO, Hummingbird,
# service-lifecycle, argument-parser): their witnesses keep the conforming type's access.
FOREIGN_REQUIREMENTS = {
    "description", "debugDescription", "errorDescription", "localizedDescription", "run", "hash",
    "hashValue", "encode", "respond", "handle", "rawValue", "allCases", "next", "makeIterator",
    "makeAsyncIterator", "validate", "configuration", "id", "channelRead", "channelActive",
    "channelInactive", "errorCaught", "write", "flush", "userInboundEventTriggered", "decode",
    "decodeLast", "InboundIn", "InboundOut", "OutboundIn", "OutboundOut", "Context", "Element",
    "AsyncIterator", "Iterator", "RawValue", "CodingKeys", "startIndex", "endIndex", "index",
    "count", "isEmpty", "status", "headers", "response", "body", "requestContext", "coreContext",
    "services", "router", "middlewares", "processor", "onServerRunning", "wait", "shutdown",
    "makeResponse", "httpStatus", "value", "helpMessage", "defaultValueDescription",
    "allValueStrings", "completionKind", "contains", "minimumLevel",
}
SKIP_DIRS = ("/Generated/",)


def swift_files(top):
    for folder, dirs, names in os.walk(top):
        dirs.sort()
        for name in sorted(names):
            if name.endswith(".swift"):
                yield os.path.join(folder, name)


def module_of(path):
    rel = os.path.relpath(path, ROOT).split(os.sep)
    if rel[0] == "Sources":
        return rel[1]
    if rel[0] == "bench":
        return "bench/" + rel[1]
    return "/".join(rel[:2])


def load_keep():
    keep = {}
    path = os.path.join(ROOT, "scripts", "access-keep.txt")
    if os.path.exists(path):
        for line in open(path, encoding="utf-8"):
            line = line.split("#", 1)[0].strip()
            if line:
                access, file, name = line.split()
                keep[(file, name)] = access
    return keep


def in_comment_or_string(line):
    s = line.lstrip()
    return s.startswith("//") or s.startswith("*") or s.startswith("/*")


def signature(lines, i):
    """The declaration starting at line i up to its body (or the end of its first balanced line)."""
    text, depth = [], 0
    for line in lines[i:i + 20]:
        for ch in line.replace("->", "  "):
            if ch in "([<":
                depth += 1
            elif ch in ")]>":
                depth = max(0, depth - 1)
            elif ch == "{" and depth == 0:
                text.append(line[:line.index("{")])
                return " ".join(text)
        text.append(line)
        if depth == 0 and not line.rstrip().endswith((",", "(", "->")):
            return " ".join(text)
    return " ".join(text)


def openers(lines):
    """For each line, the index of the line whose `{` opened the innermost block around it (or -1):
    braces in comments and string literals (with interpolations) do not count."""
    result, stack = [], []
    in_block_comment = 0
    string = None          # None, '"', '"""'
    interpolation = []     # paren depth of each open interpolation
    for i, line in enumerate(lines):
        result.append(stack[-1] if stack else -1)
        j, n = 0, len(line)
        while j < n:
            c = line[j]
            if in_block_comment:
                if line.startswith("*/", j):
                    in_block_comment -= 1
                    j += 2
                    continue
                if line.startswith("/*", j):
                    in_block_comment += 1
                    j += 2
                    continue
                j += 1
                continue
            if string and not (interpolation and interpolation[-1] > 0):
                if c == "\\":
                    if line.startswith("(", j + 1):
                        interpolation.append(1)
                        j += 2
                        continue
                    j += 2
                    continue
                if line.startswith(string, j):
                    j += len(string)
                    string = None
                    continue
                j += 1
                continue
            if line.startswith("//", j):
                break
            if line.startswith("/*", j):
                in_block_comment += 1
                j += 2
                continue
            if c == '"':
                string = '"""' if line.startswith('"""', j) else '"'
                j += len(string)
                continue
            if interpolation:
                if c == "(":
                    interpolation[-1] += 1
                elif c == ")":
                    interpolation[-1] -= 1
                    if interpolation[-1] == 0:
                        interpolation.pop()
                        string = string or '"'
                j += 1
                continue
            if c == "{":
                stack.append(i)
            elif c == "}" and stack:
                stack.pop()
            j += 1
        if string == '"' and not interpolation:
            string = None   # a one-line string never runs past its line
    return result


def protocol_bodies(text):
    """The bodies of the protocols a file declares (their requirement names)."""
    for m in re.finditer(r"^\s*(?:\w+\s+)*protocol\s+\w+[^{]*\{", text, re.M):
        depth, i = 1, m.end()
        while depth and i < len(text):
            depth += {"{": 1, "}": -1}.get(text[i], 0)
            i += 1
        yield text[m.end():i]


def declared_name(line, match_end):
    m = NAMED.search(line[match_end:])
    return m.group(1).strip("`") if m else None


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 if a file would change")
    args = parser.parse_args()
    if args.check:
        return 1 if tidy(check=True) else 0
    # Narrowing one declaration can free another (a type only a now-internal member named): repeat
    # until nothing changes.
    while tidy(check=False):
        pass
    return 0


def tidy(check):
    """One pass over the tree; returns the files it changed (or would change)."""
    keep = load_keep()

    files = [p for top in ("Sources", "bench") for p in swift_files(os.path.join(ROOT, top))
             if not any(d in p for d in SKIP_DIRS)]
    every_swift = list(swift_files(os.path.join(ROOT, "Sources"))) + list(swift_files(os.path.join(ROOT, "Tests"))) \
        + list(swift_files(os.path.join(ROOT, "bench")))
    text_of = {p: open(p, encoding="utf-8").read() for p in every_swift}
    words_by_module = {}
    for p, t in text_of.items():
        words_by_module.setdefault(module_of(p), set()).update(re.findall(r"\w+", t))

    exported = {}   # module -> modules it re-exports (@_exported import)
    for p, t in text_of.items():
        for m in re.findall(r"^@_exported import (\w+)", t, re.M):
            exported.setdefault(module_of(p), set()).add(m)

    def imports_of(text):
        """(plain, testable) modules a file imports, with what they re-export."""
        plain, testable = set(), set()
        for at, m in re.findall(r"^\s*(@testable )?import (\w+)\s*$", text, re.M):
            (testable if at else plain).add(m)
            (testable if at else plain).update(exported.get(m, ()))
        return plain, testable - plain

    users = {}        # module -> word sets of the files that need its package declarations
    test_users = {}   # module -> test files that import it plainly
    for p, t in text_of.items():
        rel = os.path.relpath(p, ROOT)
        plain, _ = imports_of(t)
        words = set(re.findall(r"\w+", t))
        for m in plain:
            if m == module_of(p):
                continue
            if rel.startswith("Tests/") and m != "TestSupport":
                test_users.setdefault(m, []).append(p)
            else:
                users.setdefault(m, []).append(words)
    requirements = set(FOREIGN_REQUIREMENTS)
    for t in text_of.values():
        for body in protocol_bodies(t):
            requirements.update(re.findall(r"\w+", body))

    def used_outside(module, name):
        return name in requirements or any(name in words for words in users.get(module, []))

    # Pass 1: public/open -> package, except where the keep list says public.
    new_lines = {}
    for p in files:
        rel = os.path.relpath(p, ROOT)
        lines = text_of[p].split("\n")
        for i, line in enumerate(lines):
            if in_comment_or_string(line):
                continue
            m = PUBLIC.match(line)
            if not m:
                continue
            name = declared_name(line, m.end())
            if keep.get((rel, name)) == "public":
                continue
            lines[i] = m.group(1) + "package" + m.group(2) + line[m.end():]
        new_lines[p] = lines

    # Pass 2: package -> internal where nothing outside the module needs the name.
    candidates = {}   # (path, line index) -> (module, name, signature)
    staying = {}      # module -> signatures of declarations that stay package
    for p in files:
        rel, module = os.path.relpath(p, ROOT), module_of(p)
        lines = new_lines[p]
        parents = openers(lines)
        for i, line in enumerate(lines):
            if in_comment_or_string(line):
                continue
            m = PACKAGE.match(line)
            if not m:
                # A package enum's cases are package too: the types they carry must be.
                if re.match(r"^\s*(?:indirect\s+)?case\s+\w+\s*\(", line) and parents[i] >= 0 \
                        and PACKAGE.match(lines[parents[i]]) and " enum " in " " + lines[parents[i]]:
                    staying.setdefault(module, []).append(signature(lines, i))
                continue
            name = declared_name(line, m.end())
            sig = signature(lines, i)
            if name is None or keep.get((rel, name)) in ("package", "public") or used_outside(module, name):
                staying.setdefault(module, []).append(sig)
            else:
                candidates[(p, i)] = (module, name, sig)
    changed = True
    while changed:
        changed = False
        for key, (module, name, sig) in list(candidates.items()):
            if any(re.search(r"\b%s\b" % re.escape(name), s) for s in staying.get(module, [])):
                staying.setdefault(module, []).append(sig)
                del candidates[key]
                changed = True
    for (p, i) in candidates:
        line = new_lines[p][i]
        m = PACKAGE.match(line)
        new_lines[p][i] = m.group(1) + re.sub(r"^internal\(set\)\s+", "", line[m.end():])

    # `internal(set)` on an internal property says nothing.
    redundant_setter = re.compile(r"^(\s*" + ATTRIBUTES + r")internal\(set\)\s+")
    for p in files:
        new_lines[p] = [redundant_setter.sub(r"\1", line) for line in new_lines[p]]

    # Members of types that are internal are internal whatever they say: drop their `package`.
    type_decl = re.compile(r"^\s*" + ATTRIBUTES + r"(?:\w+\s+)*?(?:struct|enum|class|actor)\s+(\w+)")
    extension_decl = re.compile(r"^\s*" + ATTRIBUTES + r"(?:\w+\s+)*?extension\s+([\w.]+)")
    internal_types = {}
    for q in files:
        for line in new_lines[q]:
            m = type_decl.match(line)
            if m and not PACKAGE.match(line) and not PUBLIC.match(line) and not in_comment_or_string(line):
                internal_types.setdefault(module_of(q), set()).add(m.group(1))
    for p in files:
        module, lines = module_of(p), new_lines[p]
        parents = openers(lines)
        for i, line in enumerate(lines):
            m = PACKAGE.match(line)
            if not m or in_comment_or_string(line) or parents[i] < 0:
                continue
            parent = lines[parents[i]]
            t, e = type_decl.match(parent), extension_decl.match(parent)
            if (t and not PACKAGE.match(parent) and not PUBLIC.match(parent)) or \
                    (e and e.group(1).split(".")[0] in internal_types.get(module, ()) and not PACKAGE.match(parent)):
                lines[i] = m.group(1) + re.sub(r"^internal\(set\)\s+", "", line[m.end():])
                name = declared_name(line, m.end())
                if name:
                    candidates[(p, i)] = (module, name, "")

    # Pass 3: tests that need a name that became internal import its module @testable.
    internal_names = {}
    for (module, name, _) in candidates.values():
        internal_names.setdefault(module, set()).add(name)
    for module, paths in test_users.items():
        for p in paths:
            words = set(re.findall(r"\w+", text_of[p]))
            if words & internal_names.get(module, set()):
                lines = new_lines.setdefault(p, text_of[p].split("\n"))
                for i, line in enumerate(lines):
                    if re.match(r"^import %s\s*$" % module, line):
                        lines[i] = "@testable " + line
                if p not in files:
                    files.append(p)

    # Generated-contract generators emit package themselves; write (or report) the rest.
    dirty = []
    for p in files:
        text = "\n".join(new_lines[p])
        if text != text_of[p]:
            dirty.append(os.path.relpath(p, ROOT))
            if not check:
                with open(p, "w", encoding="utf-8") as f:
                    f.write(text)
    for d in dirty:
        print(("would change " if check else "changed ") + d)
    print(f"{len(dirty)} files {'would change' if check else 'changed'}")
    return dirty


if __name__ == "__main__":
    sys.exit(main())
