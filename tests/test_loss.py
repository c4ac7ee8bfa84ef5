"""What each side kept and lost, and the warnings about it."""

from aligner.align.loss import account, loss_warnings
from aligner.models import Alignment, Bead, Dropped, Sentence


def _alignment(n_src, n_tgt, units, src_dropped=(), tgt_dropped=()):
    src = [Sentence(i, f"Phrase française numéro {i}.") for i in range(n_src)]
    tgt = [Sentence(j, f"الجملة العربية رقم {j}.") for j in range(n_tgt)]
    beads = [Bead((i,), (i,), 0.95) for i in range(units)]
    beads += [Bead((i,), (), 0.9) for i in range(units, n_src)] + [Bead((), (j,), 0.9) for j in range(units, n_tgt)]
    return Alignment(src=src, tgt=tgt, beads=beads, src_lang="fr", tgt_lang="ar", signature="s",
                     src_dropped=tuple(src_dropped), tgt_dropped=tuple(tgt_dropped))


def test_account_counts_and_coverage():
    drops = [Dropped(3, "Accueil", "outside the main text (<nav>)"), Dropped(4, "Politique", "outside")]
    fr, ar = account(_alignment(10, 8, 8, src_dropped=drops))
    assert (fr.sentences, fr.dropped, ar.sentences, ar.dropped) == (10, 2, 8, 0)
    assert fr.coverage == 0.8 and ar.coverage == 1.0
    assert 0 < fr.lost_share < 0.1 and ar.lost_share == 0
    assert "fr: 10 sentences kept, 2 pieces dropped" in fr.describe() and "coverage 80%" in fr.describe()
    assert loss_warnings((fr, ar)) == []


def test_warns_when_a_side_lost_most_of_its_text_or_coverage_is_low():
    big = [Dropped(i, "Une longue phrase d'article qui a été retirée par erreur. " * 3, "outside") for i in range(10)]
    fr, ar = account(_alignment(13, 13, 1, src_dropped=big))
    warnings = loss_warnings((fr, ar), min_coverage=0.5)
    assert any("fr side" in w and "left out when reading" in w for w in warnings)
    assert any("ar side" in w and "confident units" in w for w in warnings)
