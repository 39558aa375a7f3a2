#!/usr/bin/env python3
"""Every diagnostic tad can emit is catalogued in docs/errors.md and tested.

Reads the messages out of the source code of lib/ and tool/: the string
literals passed to the reporting functions (DiagSink's error, warning and
note, ClangDiagSink's errorAt and noteAt, the lowering's fail, the inverse
sweep's fail, clang's getCustomDiagID, tad-gen's `errs() << "tad-gen:
error: ..."` and the `Error = "..."` messages of the output writers).
A message is the concatenation of its literal pieces and of values
computed at run time (names, quoted code): its pieces, in order, must
appear on one message line of docs/errors.md (a line indented by four
spaces that starts with `error:`, `warning:` or `note:`, of the right
kind), and in one file under test/ (a lit test's CHECK lines, a unit
test). A message chosen by `?:` gives a message per branch. Messages
catalogued under "Diagnostics no input reaches" need no test.

    python3 test/errors.py [SOURCE_ROOT]    # ctest: errors-catalogue

Fails naming the file and line of each diagnostic that has no entry or no
test, and of each catalogue line that no diagnostic produces.
"""
import os
import re
import sys

# The reporting functions whose last argument is the message, by kind.
REPORTERS = {
    "error": "error",
    "errorAt": "error",
    "warning": "warning",
    "note": "note",
    "noteAt": "note",
    "fail": "error",
}
CALL = re.compile(r"\b(error|errorAt|warning|note|noteAt|fail)\s*\(")
CUSTOM = re.compile(
    r"getCustomDiagID\s*\(\s*(?:clang::)?DiagnosticsEngine::(Error|Warning|Note)\s*,")
ERRS = re.compile(r"errs\(\)\s*<<")
# Messages built before they are reported: the output writers' Error, and
# the reasons (Why) a diagnostic ends with ("cannot generate f_inverse:
# '...' (line 3) has no analytic inverse in x ..."). `const char *Why` is
# a comment in generated code, not a reason.
ASSIGN = re.compile(r"(?<!\*)\b(?:P\.)?(Error|Why)\s*=(?!=)")
# The section of docs/errors.md for diagnostics no input reaches (guarded
# by an earlier check, or internal): catalogued, but no test can show them.
UNREACHED = "Diagnostics no input reaches"
# A piece must have this many letters to count (quotes and brackets alone
# say nothing).
MIN_LETTERS = 3


def strip_comments(s):
    """s with comments blanked (lines kept), string literals untouched."""
    out, i, n = [], 0, len(s)
    while i < n:
        if s.startswith("//", i):
            j = s.find("\n", i)
            j = n if j < 0 else j
            out.append(" " * (j - i))
            i = j
        elif s.startswith("/*", i):
            j = s.find("*/", i) + 2
            out.append(re.sub(r"[^\n]", " ", s[i:j]))
            i = j
        elif s[i] in "\"'":
            j = skip_literal(s, i)
            out.append(s[i:j])
            i = j
        else:
            out.append(s[i])
            i += 1
    return "".join(out)


def skip_literal(s, i):
    q = s[i]
    j = i + 1
    while s[j] != q:
        j += 2 if s[j] == "\\" else 1
    return j + 1


def unescape(lit):
    body = lit[1:-1]
    return re.sub(r"\\(.)", lambda m: {"n": "\n", "t": "\t"}.get(
        m.group(1), m.group(1)), body)


def tokens(expr):
    """Top-level tokens of an expression: literals, brackets, operators."""
    toks, i, n = [], 0, len(expr)
    while i < n:
        c = expr[i]
        if c.isspace():
            i += 1
        elif c == '"':
            j = skip_literal(expr, i)
            toks.append(("lit", unescape(expr[i:j])))
            i = j
        elif c == "'":
            j = skip_literal(expr, i)
            toks.append(("code", expr[i:j]))
            i = j
        elif c in "([{":
            depth, j = 1, i + 1
            while depth:
                if expr[j] in "\"'":
                    j = skip_literal(expr, j)
                    continue
                depth += expr[j] in "([{"
                depth -= expr[j] in ")]}"
                j += 1
            toks.append(("group", expr[i:j]))
            i = j
        elif expr.startswith("::", i):
            toks.append(("code", "::"))
            i += 2
        elif c in "?:+,":
            toks.append(("op", c))
            i += 1
        else:
            j = i
            while j < n and not expr[j].isspace() and expr[j] not in "\"'([{?:+,":
                j += 1
            toks.append(("code", expr[i:max(j, i + 1)]))
            i = max(j, i + 1)
    return toks


def split_top(toks, op):
    parts, cur = [], []
    for t in toks:
        if t == ("op", op):
            parts.append(cur)
            cur = []
        else:
            cur.append(t)
    parts.append(cur)
    return parts


def variants(expr):
    """The messages an expression can make: lists of pieces, None standing
    for a value computed at run time."""
    toks = tokens(expr)
    if ("op", "?") in toks:  # Cond ? A : B (nested in B)
        q = toks.index(("op", "?"))
        rest = toks[q + 1:]
        depth = 0
        for k, t in enumerate(rest):
            if t == ("op", "?"):
                depth += 1
            elif t == ("op", ":"):
                if depth == 0:
                    return (variants_of(rest[:k]) + variants_of(rest[k + 1:]))
                depth -= 1
    return variants_of(toks)


def variants_of(toks):
    out = [[]]
    for term in split_top(toks, "+"):
        alts = term_variants(term)
        out = [o + a for o in out for a in alts]
    return out


def term_variants(term):
    if term and all(t[0] == "lit" for t in term):  # "a" "b": one literal
        return [["".join(t[1] for t in term)]]
    if len(term) == 1 and term[0][0] == "group" and term[0][1][0] == "(":
        return variants(term[0][1][1:-1])
    # std::string("...") and std::to_string(n)
    names = "".join(t[1] for t in term[:-1] if t[0] == "code")
    if term and term[-1][0] == "group" and names in ("std::string", "Twine"):
        return variants(term[-1][1][1:-1])
    return [[None]]


def pieces(msg):
    """The literal pieces of a message worth matching, spaces normalized."""
    out = []
    for p in msg:
        if p is None:
            continue
        p = " ".join(p.split())
        if sum(ch.isalpha() for ch in p) >= MIN_LETTERS:
            out.append(p.strip())
    return out


def args_of(s, i):
    """The text of the argument list whose '(' is just before i, and its
    arguments split at top-level commas."""
    depth, j = 1, i
    while depth:
        if s[j] in "\"'":
            j = skip_literal(s, j)
            continue
        depth += s[j] in "([{"
        depth -= s[j] in ")]}"
        j += 1
    text = s[i:j - 1]
    parts, cur, depth, k = [], [], 0, 0
    while k < len(text):
        c = text[k]
        if c in "\"'":
            e = skip_literal(text, k)
            cur.append(text[k:e])
            k = e
            continue
        if c in "([{":
            depth += 1
        elif c in ")]}":
            depth -= 1
        if c == "," and depth == 0:
            parts.append("".join(cur))
            cur = []
        else:
            cur.append(c)
        k += 1
    parts.append("".join(cur))
    return text, parts


def statement_end(s, i):
    """The position of the ';' that ends the statement going on at i."""
    while s[i] != ";":
        i = skip_literal(s, i) if s[i] in "\"'" else i + 1
    return i


def definition_before(s, at, name):
    """The initializer of `std::string name = ...;` before position at,
    with what `name += ...;` appends to it: a message built in steps."""
    m = None
    for m in re.finditer(r"std::string\s+" + name + r"\s*=", s[:at]):
        pass
    if not m:
        return None
    end = statement_end(s, m.end())
    expr = s[m.end():end]
    for a in re.finditer(r"\b" + name + r"\s*\+=", s[end:at]):
        k = end + a.end()
        expr += " + " + s[k:statement_end(s, k)]
    return expr


def extract(root):
    """(file, line, kind, variants) for every diagnostic of lib/ and tool/."""
    found = []
    for top in ("lib", "tool"):
        for dp, _, fs in os.walk(os.path.join(root, top)):
            for f in sorted(fs):
                if not f.endswith((".cpp", ".h")):
                    continue
                path = os.path.join(dp, f)
                rel = os.path.relpath(path, root)
                s = strip_comments(open(path, encoding="utf-8").read())

                def line(pos):
                    return s.count("\n", 0, pos) + 1

                for m in CALL.finditer(s):
                    text, args = args_of(s, m.end())
                    msg = args[-1].strip()
                    if '"' not in text:
                        # A message built in steps before the call.
                        expr = (definition_before(s, m.start(), msg)
                                if re.fullmatch(r"\w+", msg) else None)
                        if expr:
                            found.append((rel, line(m.start()),
                                          REPORTERS[m.group(1)],
                                          variants(expr)))
                        elif os.environ.get("TAD_ERRORS_VERBOSE"):
                            # A reporter's declaration, or a wrapper passing
                            # its parameter on (its callers are the
                            # diagnostics).
                            print("skipped %s:%d: %s(%s)" % (
                                rel, line(m.start()), m.group(1),
                                " ".join(text.split())))
                        continue
                    found.append((rel, line(m.start()), REPORTERS[m.group(1)],
                                  variants(msg)))
                for m in CUSTOM.finditer(s):
                    _, args = args_of(s, m.end() - 1)
                    # %0: an argument, computed at run time.
                    v = [[q for p in x for q in
                          ([p] if p is None else
                           sum(([piece, None] for piece in p.split("%0")),
                               [])[:-1])]
                         for x in variants(args[-1])]
                    if all(not pieces(x) for x in v):
                        continue  # "%0": tad's own messages, caught above
                    found.append((rel, line(m.start()),
                                  m.group(1).lower(), v))
                for m in ERRS.finditer(s):
                    end = statement_end(s, m.end())
                    v = variants(s[m.end():end].replace("<<", "+"))
                    if any(p and "error:" in p for x in v for p in x if p):
                        found.append((rel, line(m.start()), "error", v))
                for m in ASSIGN.finditer(s):
                    end = statement_end(s, m.end())
                    v = variants(s[m.end():end])
                    if any(pieces(x) for x in v):
                        found.append((rel, line(m.start()),
                                      "error" if m.group(1) == "Error"
                                      else "reason", v))
    return found


def read_tree(root, sub, exts):
    texts = {}
    for dp, _, fs in os.walk(os.path.join(root, sub)):
        for f in fs:
            if f.endswith(exts):
                p = os.path.join(dp, f)
                with open(p, encoding="utf-8", errors="replace") as h:
                    t = h.read()
                # FileCheck's {{regex}}: its literal text ({{\[\[}} is [[).
                t = re.sub(r"\{\{(.*?)\}\}",
                           lambda m: m.group(1).replace("\\", ""), t)
                texts[os.path.relpath(p, root)] = " ".join(t.split())
    return texts


def in_order(text, ps):
    at = 0
    for p in ps:
        k = text.find(p, at)
        if k < 0:
            return False
        at = k + len(p)
    return True


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "..")
    root = os.path.abspath(root)
    diags = extract(root)
    doc_path = os.path.join(root, "docs", "errors.md")
    doc_lines, exempt, section = [], set(), ""
    with open(doc_path, encoding="utf-8") as h:
        for n, l in enumerate(h, 1):
            if l.startswith("## "):
                section = l[3:].strip()
            m = re.match(r"    (error|warning|note): (.*)", l.rstrip("\n"))
            if m:
                doc_lines.append((n, m.group(1), " ".join(m.group(2).split())))
                if section == UNREACHED:
                    exempt.add(n)
    tests = read_tree(root, "test", (".cpp", ".cu", ".test", ".py", ".h"))
    tests = {k: v for k, v in tests.items()
             if not k.endswith("errors.py")}
    problems, used, count = [], set(), 0
    for rel, ln, kind, vs in diags:
        for v in vs:
            ps = pieces(v)
            if not ps and kind == "reason":
                continue  # a reason passed on from elsewhere
            if not ps:
                problems.append("%s:%d: a %s with no literal text to check"
                                % (rel, ln, kind))
                continue
            count += 1
            shown = " ... ".join(ps)
            hits = [n for n, k, t in doc_lines
                    if (k == kind or kind == "reason") and in_order(t, ps)]
            if not hits:
                problems.append("%s:%d: %s '%s' has no entry in docs/errors.md"
                                % (rel, ln, kind, shown))
            used.update(hits)
            if hits and all(n in exempt for n in hits):
                continue  # catalogued as reached by no input: no test
            if not any(in_order(t, ps) for t in tests.values()):
                problems.append("%s:%d: %s '%s' appears in no test under test/"
                                % (rel, ln, kind, shown))
    for n, k, t in doc_lines:
        if n not in used:
            problems.append("docs/errors.md:%d: '%s: %s' is made by no "
                            "diagnostic in lib/ or tool/" % (n, k, t))
    # test/errors-pending.txt: problems known and not yet resolved, one per
    # line as printed without the line number ("file: message"). A pending
    # line that no longer matches a problem fails, so that the list only
    # shrinks.
    pending_path = os.path.join(root, "test", "errors-pending.txt")
    pending = set()
    if os.path.exists(pending_path):
        with open(pending_path, encoding="utf-8") as h:
            pending = {l.rstrip("\n") for l in h
                       if l.strip() and not l.startswith("#")}
    key = lambda p: re.sub(r"^([^:]+):\d+: ", r"\1: ", p)
    failing, seen = [], set()
    for p in problems:
        if key(p) in pending:
            seen.add(key(p))
            print("pending: " + p)
        else:
            failing.append(p)
            print(p)
    for k in sorted(pending - seen):
        failing.append("test/errors-pending.txt: '%s' is no longer a problem: "
                       "remove the line" % k)
        print(failing[-1])
    print("%d diagnostics (%d messages) in the code, %d catalogue lines; "
          "%d problems, %d of them pending" %
          (len(diags), count, len(doc_lines), len(problems), len(seen)))
    return 1 if failing else 0


if __name__ == "__main__":
    sys.exit(main())
