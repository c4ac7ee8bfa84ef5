"""Check a written fr-ar document: python check.py docNN.json
Format: {"articles": [{"title_note": "...", "units": [{"fr": [...], "ar": [...], "kind": "..."}, ...]}, ...]}
Prints the counts of unit shapes and problems."""
import json, sys, collections, re
d = json.load(open(sys.argv[1], encoding="utf-8"))
C = collections.Counter(); nfr = nar = 0; problems = []
for a in d["articles"]:
    for u in a["units"]:
        fr, ar = u.get("fr", []), u.get("ar", [])
        if not fr and not ar: problems.append("empty unit")
        for s in fr:
            if re.search(r"[\u0600-\u06FF]", s): problems.append(f"Arabic letters in French: {s[:60]}")
            if "\n" in s: problems.append("newline in a sentence")
        for s in ar:
            if not re.search(r"[\u0600-\u06FF]", s): problems.append(f"no Arabic letters: {s[:60]}")
            if "\n" in s: problems.append("newline in a sentence")
        C[f"{len(fr)}-{len(ar)}"] += 1; nfr += len(fr); nar += len(ar)
n = sum(C.values())
print(f"units {n}, French sentences {nfr}, Arabic sentences {nar}")
for k, v in sorted(C.items(), key=lambda kv: -kv[1]): print(f"  {k}: {v} ({v / n:.0%})")
one_one = C["1-1"] / n; null = (sum(v for k, v in C.items() if k.startswith("0-") or k.endswith("-0"))) / n
print(f"1-1 share {one_one:.0%} (aim 55-70%), one-side-only share {null:.0%} (aim 10-18%), many share {1 - one_one - null:.0%} (aim 20-30%)")
print("problems:", problems[:20] or "none")
