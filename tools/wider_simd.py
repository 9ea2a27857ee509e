"""Print the SIMD levels above NumPy's baseline that this CPU has, comma-separated.

``make test`` runs nbval a second time with ``NPY_DISABLE_CPU_FEATURES`` set to this
list, so that the stored outputs are checked against the kernels of an older CPU as
well as this one's: NumPy picks its kernels at run time, and a float's last digits
depend on them. An environment variable can only switch features off, so this is
as far as one machine can imitate another.
"""

from numpy._core._multiarray_umath import __cpu_dispatch__, __cpu_features__

print(",".join(feature for feature in __cpu_dispatch__ if __cpu_features__.get(feature)))
