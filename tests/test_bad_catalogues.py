"""Each bad catalogue is the valid fixture with one small patch, and states the line, field and
message the validator must report for it. Together they are the mistakes a maintainer makes and
the hostile inputs a security review tried; none may end in a traceback."""
from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass

import pytest

from conftest import CATALOGUES, FIXTURE_DAY, ROOT
from signpost.catalogue import check_text

VALID = (CATALOGUES / "valid.yaml").read_text(encoding="utf-8")


@dataclass
class Case:
    name: str
    patches: list  # (text in valid.yaml, its replacement), applied in order, once each
    line: int
    field: str
    message: str

    def text(self) -> str:
        text = VALID
        for old, new in self.patches:
            assert old in text, f"{self.name}: the patch no longer applies to valid.yaml"
            text = text.replace(old, new, 1)
        return text


CASES = [
    Case('duplicate-key', [('  name: Alpha Line\n', '  name: Alpha Line\n  name: Alpha Again\n')],
         6, 'name', "duplicate field 'name' (first given on line 5)"),
    Case('unknown-field', [('  name: Alpha Line\n', '  name: Alpha Line\n  nmae: Alpha\n')],
         6, 'nmae', "unknown field 'nmae'"),
    Case('missing-required-field', [("  summary: A made-up listening line used by Signpost's tests.\n", '')],
         4, 'summary', "missing required field 'summary'"),
    Case('empty-required-field', [('  name: Alpha Line\n', '  name: ""\n')],
         5, 'name', 'is empty'),
    Case('wrong-type', [('    min_age: 16\n', '    min_age: "sixteen"\n')],
         45, 'audience.min_age', "expected a whole number but found 'sixteen'"),
    Case('unquoted-number', [('      value: "85258"\n', '      value: 85258\n')],
         29, 'contacts[1].value', 'expected text but found the number 85258'),
    Case('yaml-boolean-trap', [('      keyword: ALPHA\n', '      keyword: no\n')],
         30, 'contacts[1].keyword', 'expected text but found false'),
    Case('unquoted-time', [('            closes: "17:00"\n', '            closes: 17:00\n')],
         36, 'contacts[1].hours.weekly[0].closes', 'expected text but found the number 1020'),
    Case('value-outside-vocabulary', [('  kind: helpline\n', '  kind: hotline\n')],
         10, 'kind', "'hotline' is not an allowed value"),
    Case('hours-both-forms', [('        always_open: true\n', '        always_open: true\n        weekly:\n          - days: [mon]\n            opens: "09:00"\n            closes: "17:00"\n')],
         23, 'contacts[0].hours', 'does not fit any of the allowed forms'),
    Case('closed-without-note', [('  status_note: Closed in 2025 and replaced by Alpha Line in this made-up world.\n', '')],
         83, 'status_note', "missing required field 'status_note'"),
    Case('rating-without-sources', [('      justification: Open around the clock by phone and free from any phone.\n      sources: [contact-page]\n', '      justification: Open around the clock by phone and free from any phone.\n')],
         64, 'evaluation.utility.sources', "missing required field 'sources'"),
    Case('absurd-size', [('    the schema knows so that each can be broken on purpose.\n', "    the schema knows so that each can be broken on purpose." + " Very long." * 200 + "\n")],
         7, 'description', 'is too long (2342 characters; at most 2000)'),
    Case('id-with-trailing-newline', [('- id: alpha-line\n', '- id: "alpha-line\\n"\n'), ('  successor: alpha-line\n', '')],
         4, 'id', 'contains a line break'),
    Case('name-as-block-scalar', [('  name: Alpha Line\n', '  name: >\n    Alpha Line\n')],
         5, 'name', 'contains a line break'),
    Case('javascript-url', [('  url: https://alpha.example.org/\n', '  url: javascript:alert(1)\n')],
         12, 'url', "'javascript:alert(1)' is not in the expected form"),
    Case('data-url-in-contact', [('      value: https://beta.example.org/forum\n', '      value: data:text/html,hello\n')],
         100, 'contacts[0].value', "'data:text/html,hello' is not a web address"),
    Case('non-web-source-url', [('      url: https://alpha.example.org/contact\n', '      url: ftp://alpha.example.org/contact\n')],
         74, 'sources.contact-page.url', "'ftp://alpha.example.org/contact' is not in the expected form"),
    Case('url-with-user-info', [('  url: https://alpha.example.org/\n', '  url: https://user:pass@alpha.example.org/\n')],
         12, 'url', "'https://user:pass@alpha.example.org/' has a user name or password before the host (the part ending in '@'), which can disguise where the link goes"),
    Case('url-with-bad-port', [('  url: https://alpha.example.org/\n', '  url: https://alpha.example.org:70000/\n')],
         12, 'url', "'https://alpha.example.org:70000/' has a port that is not a number from 1 to 65535"),
    Case('url-unclosed-ipv6', [('  url: https://alpha.example.org/\n', '  url: https://[host/\n')],
         12, 'url', "'https://[host/' is not a valid web address (Invalid IPv6 URL)"),
    Case('url-look-alike-host', [('  url: https://alpha.example.org/\n', '  url: https://аlpha.example.org/\n')],
         12, 'url', "the host name 'аlpha.example.org' has non-ASCII letters, which can imitate another site's name"),
    Case('url-impossible-host', [('  url: https://alpha.example.org/\n', '  url: https://alpha..example.org/\n')],
         12, 'url', "'alpha..example.org' is not a valid host name"),
    Case('url-bidi-override', [('  url: https://alpha.example.org/\n', '  url: https://alpha.example.org/\u202egpj.exe\n')],
         12, 'url', 'invisible character U+202E RIGHT-TO-LEFT OVERRIDE'),
    Case('malformed-email', [('      value: help@alpha.example.org\n', '      value: help@alpha\n')],
         40, 'contacts[2].value', "'help@alpha' is not an email address"),
    Case('invalid-uk-number', [('      value: "116 123"\n', '      value: "0800 123"\n')],
         22, 'contacts[0].value', "'0800 123' is not a valid GB phone number or short number"),
    Case('international-not-e164', [('      value: "116 123"\n', '      value: "+353 1 234 5678"\n')],
         22, 'contacts[0].value', "'+353 1 234 5678': write international numbers in E.164 form with no spaces, e.g. +35318727700"),
    Case('undefined-source', [('      justification: A registered charity that publishes its accounts and governance.\n      sources: [contact-page]\n', '      justification: A registered charity that publishes its accounts and governance.\n      sources: [contact-pge]\n')],
         59, 'evaluation.integrity.sources[0]', "cites source 'contact-pge', which is not defined"),
    Case('citation-in-provider-note', [('    type: charity\n', '    type: charity\n    note: Funded by the council [council-grant].\n')],
         16, 'provider.note', 'mentions [council-grant], which is not a source of this entry'),
    Case('contact-rests-on-other-sources', [('      kind: press\n', '      kind: other\n')],
         101, 'contacts[0].source', "the contact fact rests only on sources of kind 'other' ('about-page')"),
    Case('future-date', [('    date: 2026-11-01\n    by: tester\n- id: beta-forum', '    date: 2099-01-01\n    by: tester\n- id: beta-forum')],
         81, 'last_checked.date', '2099-01-01 is in the future'),
    Case('impossible-date', [('      page_date: "2026-01"\n      checked: 2026-11-01\n', '      page_date: "2026-01"\n      checked: 2026-13-01\n')],
         79, 'sources.contact-page.checked', "'2026-13-01' is not a real date"),
    Case('duplicate-id', [('- id: beta-forum\n', '- id: alpha-line\n'), ('  successor: alpha-line\n', '')],
         83, 'id', "duplicate id 'alpha-line': the entry on line 4 has it too"),
    Case('successor-missing', [('  successor: alpha-line\n', '  successor: gamma-line\n')],
         92, 'successor', "names 'gamma-line', which is not in the catalogue"),
    Case('successor-closed', [('  kind: helpline\n  status: active\n', '  kind: helpline\n  status: closed\n  status_note: Closed in this made-up world as well.\n'), ('  successor: alpha-line\n', '  successor: alpha-line\n')],
         93, 'successor', "names 'alpha-line', which is closed and leads to no active entry"),
    Case('rules-run-despite-schema-errors', [("  summary: A made-up listening line used by Signpost's tests.\n", ''), ('    type: charity\n', '    type: charity\n    note: Funded by the council [council-grant].\n')],
         15, 'provider.note', 'mentions [council-grant], which is not a source of this entry'),
    Case('yaml-alias', [('  name: Alpha Line\n', '  name: &n Alpha Line\n'), ('    name: Alpha Trust\n', '    name: *n\n')],
         14, 'provider.name', 'this value is reused through a YAML anchor and alias (&name / *name)'),
    Case('yaml-tag', [('  name: Alpha Line\n', '  name: !!python/name:os.system Alpha\n')],
         5, 'name', 'YAML tag tag:yaml.org,2002:python/name:os.system is not allowed'),
    Case('yaml-syntax-error', [('  name: Alpha Line\n', '  name: [Alpha Line\n')],
         6, '', "YAML syntax error: while parsing a flow sequence did not find expected ',' or ']'"),
    Case('tab-indentation', [('  name: Alpha Line\n', '\tname: Alpha Line\n')],
         5, '', 'tab character in indentation'),
    Case('line-separator', [('  name: Alpha Line\n', '  name: Alpha\u2028Line\n')],
         5, '', 'invisible character U+2028 LINE SEPARATOR'),
    Case('zero-width-space', [('  name: Alpha Line\n', '  name: Alpha\u200bLine\n')],
         5, 'name', 'invisible character U+200B ZERO WIDTH SPACE'),
    Case('escaped-surrogate', [('  name: Alpha Line\n', '  name: "Alpha \\ud800 Line"\n')],
         5, '', 'YAML syntax error: while parsing a quoted scalar found invalid Unicode character escape code'),
    Case('escaped-bidi', [('  name: Alpha Line\n', '  name: "Alpha \\u202e Line"\n')],
         5, 'name', 'an escape in this quoted text makes the invisible character U+202E RIGHT-TO-LEFT OVERRIDE'),
    Case('five-thousand-digits', [('    min_age: 16\n', "    min_age: " + "9" * 5000 + "\n")],
         45, 'audience.min_age', 'a number 5,000 characters long'),
    Case('deep-nesting-behind-a-quote', [('  name: Alpha Line\n', '  name: Alpha"\n  x: ' + '[' * 5000 + '\n')],
         6, '', 'nested more than 40 levels deep'),
    Case('second-document', [('- id: beta-forum\n', '---\n- id: beta-forum\n')],
         83, '', "a second YAML document starts here ('---')"),

]


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_the_mistake_is_reported_at_its_line_and_field_with_a_fix(case):
    result = check_text(case.text(), f"{case.name}.yaml", today=FIXTURE_DAY)
    assert not result.ok, "the validator accepted a broken catalogue"
    found = [(p.line, p.field, p.message) for p in result.errors]
    assert (case.line, case.field, case.message) in found, "\n".join(p.format() for p in result.problems)
    problem = next(p for p in result.errors if (p.line, p.field, p.message) == (case.line, case.field, case.message))
    assert problem.fix, "every message ends with how to fix it"


@pytest.mark.parametrize("case", [c for c in CASES if c.name in ("duplicate-key", "line-separator", "deep-nesting-behind-a-quote", "five-thousand-digits", "escaped-surrogate")],
                         ids=lambda case: case.name)
def test_the_command_line_exits_1_with_the_message_and_no_traceback(case, tmp_path):
    path = tmp_path / f"{case.name}.yaml"
    path.write_text(case.text(), encoding="utf-8")
    run = subprocess.run([sys.executable, str(ROOT / "scripts" / "validate.py"), str(path)], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert run.returncode == 1
    assert "Traceback" not in run.stderr + run.stdout
    assert case.message in run.stderr
