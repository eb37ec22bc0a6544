"""spaCy's NER multiplies its matrices on numpy's BLAS, with BLAS on one thread.

thinc multiplies with its bundled BLIS, which picks kernels by CPU model and falls back to
portable C on models it does not know: AMD Zen 3 and later, common cloud hardware
(explosion/cython-blis#53). There the NER's products ran 4-5x slower than on numpy's OpenBLAS,
which picks kernels by instruction set; the windows' NER cost a quarter more, for the same
entities.

OpenBLAS spreads one product over every core and keeps them spinning while it waits: on two
cores the same answers took twice the CPU, taken from the other analyses. Its thread pool is
one per process, so the limit is too: the process's BLAS runs one thread from the moment the
NER is switched. Where another thread holds its own limit on that pool, the NER stays on BLIS;
``Settings.ner_blas="blis"`` keeps BLIS and leaves BLAS alone.
"""

from __future__ import annotations

from typing import Any

from thinc.api import NumpyOps
from threadpoolctl import ThreadpoolController


def use_numpy_blas(model: Any) -> bool:
    """Every layer of the thinc ``model`` multiplies on numpy's BLAS, held to one thread.

    False, leaving the model on BLIS, when BLAS cannot be held to one thread: another thread of
    the application holds its own limit on OpenBLAS's pool.
    """
    if not hold_blas_to_one_thread():
        return False
    ops = NumpyOps(use_blis=False)
    for node in model.walk():
        node.ops = ops
    return True


def hold_blas_to_one_thread() -> bool:
    """True when every loaded BLAS now runs one thread."""
    controller = ThreadpoolController()
    controller.limit(limits=1, user_api="blas")
    libraries = controller.select(user_api="blas").lib_controllers
    # threadpoolctl lets only the thread that last limited OpenBLAS's shared pool change it
    # again until that thread lets go; let go, so the application's own limits still apply.
    for library in libraries:
        let_go = getattr(type(library), "clear_controlling_thread", None)
        if let_go is not None:
            let_go()
    return all(library.get_num_threads() == 1 for library in libraries)
