#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The .eml export read by an independent parser: Python's email package
# with policy=default. Exports a weekly update whose title has an en dash
# through the real `bulletin --export=eml`, then checks the structure, the
# encodings, the headers and the wire format; then every fixture in
# tests/data for its structure, and for parts that decode to exactly the
# text and HTML exports. Speaks TAP.

import email
import email.policy
import glob
import os
import re
import subprocess
import sys
import tempfile

bulletin, fixtures = sys.argv[1], sys.argv[2]
TITLE = "Weekly update \u2013 week ending Friday 27 November 2026"

results = []


def check(name, condition, detail=""):
    results.append((name, bool(condition), detail))


def export(fmt, path, *extra):
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "DBUS_SESSION_BUS_ADDRESS")}
    env["LC_ALL"] = "C.UTF-8"
    proc = subprocess.run([bulletin, "--export=" + fmt, *extra, path],
                          env=env, capture_output=True, check=False)
    if proc.returncode != 0:
        raise SystemExit("Bail out! bulletin --export=%s failed: %s"
                         % (fmt, proc.stderr.decode(errors="replace")))
    return proc.stdout


with tempfile.TemporaryDirectory() as tmp:
    with open(os.path.join(fixtures, "weekly-update-neighbourhood-teams.md"), encoding="utf-8") as f:
        lines = f.read().split("\n")
    # the update's own title, swapped for one with a non-ASCII character
    assert lines[0].startswith("# ")
    lines[0] = "# " + TITLE
    markdown = os.path.join(tmp, "update.md")
    with open(markdown, "w", encoding="utf-8") as f:
        f.write("\n".join(lines))

    raw = export("eml", markdown, "--from=Fiona Kerr <fiona.kerr@brookfield.test>",
                 "--to=Leaders <leaders@brookfield.test>, ceo@brookfield.test")
    expected_text = export("text", markdown).decode("utf-8")
    expected_html = export("html", markdown).decode("utf-8")
    no_sender = export("eml", markdown)

# the wire format
wire_lines = raw.split(b"\r\n")
check("ends with CRLF", raw.endswith(b"\r\n"))
check("no bare LF", b"\n" not in raw.replace(b"\r\n", b""))
check("no bare CR", b"\r" not in raw.replace(b"\r\n", b""))
long_lines = [l for l in wire_lines if len(l) > 78]
check("every line at most 78 octets", not long_lines, repr(long_lines[:3]))
check("7-bit only", all(b < 0x80 for b in raw))

msg = email.message_from_bytes(raw, policy=email.policy.default)
check("no defects in the message", not msg.defects, repr(msg.defects))
check("Subject decodes to the title", msg["Subject"] == TITLE, repr(msg["Subject"]))
check("Subject is RFC 2047 encoded", b"=?UTF-8?" in raw.split(b"\r\n\r\n")[0].upper())
check("MIME-Version: 1.0", msg["MIME-Version"] == "1.0")
check("X-Unsent: 1", msg["X-Unsent"] == "1")
check("From", msg["From"].addresses[0].addr_spec == "fiona.kerr@brookfield.test"
      and msg["From"].addresses[0].display_name == "Fiona Kerr")
check("To", [a.addr_spec for a in msg["To"].addresses] == ["leaders@brookfield.test", "ceo@brookfield.test"])
check("Date parses", msg["Date"].datetime is not None)
message_id = msg["Message-ID"] or ""
check("Message-ID with the sender's domain",
      message_id.startswith("<") and message_id.endswith("@brookfield.test>"), message_id)

check("multipart/alternative", msg.get_content_type() == "multipart/alternative")
parts = list(msg.iter_parts())
check("text/plain first, text/html last",
      [p.get_content_type() for p in parts] == ["text/plain", "text/html"],
      repr([p.get_content_type() for p in parts]))
for part in parts:
    kind = part.get_content_type()
    check(kind + ": charset utf-8", part.get_content_charset() == "utf-8")
    check(kind + ": quoted-printable", part["Content-Transfer-Encoding"] == "quoted-printable")
    check(kind + ": no defects", not part.defects, repr(part.defects))

if len(parts) == 2:
    text = parts[0].get_content().replace("\r\n", "\n")
    html = parts[1].get_content().replace("\r\n", "\n")
    check("text part is the text export", text == expected_text)
    check("text part has the en dash title", text.startswith(TITLE + "\n"))
    check("html part is the html export", html == expected_html)
    check("html part has the title", "<title>" + TITLE + "</title>" in html)

plain = email.message_from_bytes(no_sender, policy=email.policy.default)
check("without --from: no From header", "From" not in plain)
check("without --to: no To header", "To" not in plain)
check("without --from: no defects", not plain.defects, repr(plain.defects))
check("without --from: still a draft", plain["X-Unsent"] == "1")


# Issue 14: a Japanese or emoji subject came out as one encoded-word of
# 170 characters on one line. RFC 2047 allows 75 an encoded-word, RFC 5322
# asks for lines of 78 at most.
LONG_TITLE = "今週のお知らせ：新しい紹介ポータルが全ての診療所で利用可能になりました。詳しくはガイドをご覧ください 🎉🎉"
with tempfile.TemporaryDirectory() as tmp:
    markdown = os.path.join(tmp, "long-title.md")
    with open(markdown, "w", encoding="utf-8") as f:
        f.write("# " + LONG_TITLE + "\n\nText.\n")
    long_raw = export("eml", markdown)
long_head = long_raw.split(b"\r\n\r\n")[0]
check("long subject: header lines at most 78 octets",
      all(len(l) <= 78 for l in long_head.split(b"\r\n")), repr(long_head[:300]))
words = re.findall(rb"=\?[^?]+\?[BbQq]\?[^?]*\?=", long_head)
check("long subject: encoded-words at most 75 characters", words and all(len(w) <= 75 for w in words),
      repr([len(w) for w in words]))
long_msg = email.message_from_bytes(long_raw, policy=email.policy.default)
check("long subject: decodes to the title", long_msg["Subject"] == LONG_TITLE, repr(long_msg["Subject"]))


def check_fixture(path):
    name = os.path.basename(path)[:-len(".md")]
    raw = export("eml", path, "--from=Fiona Kerr <fiona.kerr@brookfield.test>", "--to=leaders@brookfield.test")
    expected_text = export("text", path).decode("utf-8")
    expected_html = export("html", path).decode("utf-8")

    check(name + ": CRLF only", b"\n" not in raw.replace(b"\r\n", b"")
          and b"\r" not in raw.replace(b"\r\n", b""))
    long_lines = [l for l in raw.split(b"\r\n") if len(l) > 78]
    check(name + ": lines at most 78 octets", not long_lines, repr(long_lines[:3]))
    check(name + ": 7-bit only", all(b < 0x80 for b in raw))

    msg = email.message_from_bytes(raw, policy=email.policy.default)
    check(name + ": no defects", not msg.defects, repr(msg.defects))
    check(name + ": X-Unsent: 1", msg["X-Unsent"] == "1")
    check(name + ": multipart/alternative", msg.get_content_type() == "multipart/alternative")
    parts = list(msg.iter_parts())
    # a draft with images beside it: the HTML and the images go together
    # in a multipart/related, the HTML alternative (issue 14)
    images = []
    if len(parts) == 2 and parts[1].get_content_type() == "multipart/related":
        related = parts[1]
        check(name + ": multipart/related of type text/html", related.get_param("type") == "text/html")
        inner = list(related.iter_parts())
        check(name + ": the HTML first in the related part",
              inner and inner[0].get_content_type() == "text/html",
              repr([p.get_content_type() for p in inner]))
        images = inner[1:]
        parts = [parts[0]] + inner[:1]
    check(name + ": exactly text/plain then text/html",
          [p.get_content_type() for p in parts] == ["text/plain", "text/html"],
          repr([p.get_content_type() for p in parts]))
    check(name + ": no part has parts of its own",
          not any(p.is_multipart() for p in parts + images))
    for part in parts:
        kind = part.get_content_type()
        check(name + ": " + kind + " utf-8, quoted-printable, no defects",
              part.get_content_charset() == "utf-8"
              and part["Content-Transfer-Encoding"] == "quoted-printable"
              and not part.defects, repr(part.defects))
    cids = []
    for image in images:
        cid = (image["Content-ID"] or "").strip()
        check(name + ": image part " + cid + ": an image, inline, base64, no defects",
              image.get_content_maintype() == "image"
              and image.get_content_disposition() == "inline"
              and image["Content-Transfer-Encoding"] == "base64"
              and image.get_content()
              and not image.defects, repr(image.defects))
        check(name + ": image part has a Content-ID", cid.startswith("<") and cid.endswith(">"), cid)
        cids.append(cid[1:-1])
    if len(parts) == 2:
        text = parts[0].get_content().replace("\r\n", "\n")
        html = parts[1].get_content().replace("\r\n", "\n")
        check(name + ": text part decodes to the text export", text == expected_text)
        referenced = re.findall(r'src="cid:([^"]*)"', html)
        check(name + ": every image part's Content-ID is referenced by the HTML",
              all(cid in referenced for cid in cids), repr((cids, referenced)))
        check(name + ": every cid: in the HTML has its image part",
              all(cid in cids for cid in referenced), repr((cids, referenced)))
        # the HTML export keeps the images' own addresses, beside the file
        local = re.compile(r'<img src="(?!https:|http:|data:)[^"]*"')
        check(name + ": html part decodes to the html export, images aside",
              re.sub(r'<img src="cid:[^"]*"', '<img src=""', html)
              == local.sub('<img src=""', expected_html))
        check(name + ": as many images embedded as the HTML export shows from its folder",
              len(set(referenced)) == len(set(local.findall(expected_html))))
    return len(images)


# README.md says what the fixtures hold; it is not one
fixture_paths = sorted((p for p in glob.glob(os.path.join(fixtures, "*.md"))
                        if os.path.basename(p) != "README.md"), key=os.path.basename)
# every-construct.md and the three weekly updates
check("at least four fixtures", len(fixture_paths) >= 4, repr(fixture_paths))
embedded = sum(check_fixture(fixture) for fixture in fixture_paths)
# weekly-update-with-images.md has two images beside it
check("the images beside a fixture are embedded", embedded >= 2, repr(embedded))

for i, (name, passed, detail) in enumerate(results, 1):
    print("%s %d - %s" % ("ok" if passed else "not ok", i, name))
    if not passed and detail:
        print("# " + detail)
print("1..%d" % len(results))
sys.exit(0 if all(passed for _, passed, _ in results) else 1)
