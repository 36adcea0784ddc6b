"""The gold sets of the analyzer under test: a module that names its sets in ``GOLD`` (seed, held-out)
gets ``gold_docs`` parametrized over them and ``heldout_docs`` for the held-out one."""
import pytest


def pytest_generate_tests(metafunc):
    gold = getattr(metafunc.module, "GOLD", None)
    if gold and "gold_set_of_module" in metafunc.fixturenames:
        metafunc.parametrize("gold_set_of_module", gold, ids=[g.name for g in gold], scope="module")


@pytest.fixture(scope="module")
def gold_docs(gold_set_of_module, gold_documents):
    """The documents of the seed set, then of the held-out set."""
    return gold_documents(gold_set_of_module)


@pytest.fixture(scope="module")
def heldout_docs(request, gold_documents):
    return gold_documents(request.module.GOLD[1])
