"""How passwords are stored: Argon2id at OWASP's minimum (19 MiB of memory, two passes, one lane).

Django's default Argon2 asks 100 MiB over eight lanes: about 310 ms of CPU a sign-in on the standard 2-core server,
so on the 10th of the month, when hundreds of artisans sign in to file, the sign-ins alone fill both cores. These
settings cost about 40 ms and stay at the floor OWASP's Password Storage Cheat Sheet sets for Argon2id. The
algorithm's name is unchanged: a hash stored with other settings still verifies, and is stored again with these at
its owner's next sign-in.
"""

from __future__ import annotations

from django.contrib.auth.hashers import Argon2PasswordHasher


class Argon2idHasher(Argon2PasswordHasher):
    time_cost = 2
    memory_cost = 19 * 1024  # KiB
    parallelism = 1
