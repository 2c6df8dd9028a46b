"""Copy detection: near-duplicate materials and copied passages (pure Python, no Django).

Modules: ``shingle`` (normalised text, k-gram hashes), ``fingerprint`` (winnowing),
``minhash`` (signatures, LSH band keys), ``boilerplate`` (phrase list, document
frequency), ``align`` (runs and exact passages), ``index`` (``SimilarityIndex``, the
database mapping), ``postings`` (the incremental inverted index), ``cli`` (``orglife similar``).
The synthetic benchmark corpus lives with the tests (``tests/similarity/synthetic.py``).

``fingerprint()`` is imported from ``orglife.similarity.fingerprint``: re-exported here it
would hide the module of the same name.
"""

from orglife.similarity.align import Passage
from orglife.similarity.boilerplate import BoilerplateRule, DocumentFrequency, PhraseList
from orglife.similarity.fingerprint import DocFingerprints, Params
from orglife.similarity.index import PairResult, SimilarityIndex, compare

__all__ = [
    "BoilerplateRule",
    "DocFingerprints",
    "DocumentFrequency",
    "PairResult",
    "Params",
    "Passage",
    "PhraseList",
    "SimilarityIndex",
    "compare",
]
