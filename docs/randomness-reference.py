# Independent reference implementation of docs/randomness.md (Python 3 standard library only).
# Run: python3 docs/randomness-reference.py
import hashlib
from decimal import Decimal

class Stream:
    def __init__(self, seed):
        self.prefix = seed.encode("utf-8") + b"\x00"
        self.counter = 0
        self.block = b""

    def next_u64(self):
        if not self.block:
            self.block = hashlib.sha256(self.prefix + self.counter.to_bytes(8, "big")).digest()
            self.counter += 1
        value, self.block = int.from_bytes(self.block[:8], "big"), self.block[8:]
        return value

    def next_below(self, bound):
        limit = 2**64 - (2**64 % bound)
        while True:
            x = self.next_u64()
            if x < limit:
                return x % bound

    def shuffle(self, items):
        for i in range(len(items) - 1, 0, -1):
            j = self.next_below(i + 1)
            items[i], items[j] = items[j], items[i]

def sample(seed, population, n):
    """The invitation sample of one stratum: the last n positions after n Fisher-Yates steps on 0..population-1."""
    s, a = Stream(seed), list(range(population))
    for i in range(population - 1, population - 1 - n, -1):
        j = s.next_below(i + 1)
        a[i], a[j] = a[j], a[i]
    return sorted(a[population - n:])

def rfc3797(key, pool, count):
    remaining, chosen = list(range(1, pool + 1)), []
    for i in range(count):
        step = i.to_bytes(2, "big")
        value = int.from_bytes(hashlib.md5(step + key.encode("ascii") + step).digest(), "big")
        chosen.append(remaining.pop(value % len(remaining)))
    return chosen

def rfc3797_key(sources):
    """RFC 3797 section 4: each source is whole numbers (sorted) or one decimal number, written as text."""
    def canonical(number):
        whole, _, fraction = number.partition(".")
        return (whole.lstrip("0") or "0") + "." + fraction.rstrip("0")
    if any(len(source) > 1 and "." in n for source in sources for n in source):
        raise ValueError("a source of several numbers holds whole numbers only")
    return "".join("".join(canonical(n) for n in sorted(source, key=int if len(source) > 1 else Decimal)) + "/" for source in sources)

key = rfc3797_key([["9319"], ["2", "5", "12", "8", "10"], ["9", "18", "26", "34", "41", "45"]])
assert key == "9319./2.5.8.10.12./9.18.26.34.41.45./"
for seed in ["", key, "Zürich 2026"]:
    s = Stream(seed)
    print(repr(seed), "first u64:", [format(s.next_u64(), "016x") for _ in range(5)])
s = Stream(key); print("next_below(10) x 12:", [s.next_below(10) for _ in range(12)])
s = Stream(key); print("next_below(6) x 12:", [s.next_below(6) for _ in range(12)])
s = Stream("rejection"); print("next_below(2**63+1) x 6:", [s.next_below(2**63 + 1) for _ in range(6)], "then u64:", format(s.next_u64(), "016x"))
s = Stream("rejection"); print("'rejection' first 15 u64:", [format(s.next_u64(), "016x") for _ in range(15)])
s = Stream(key); items = list("ABCDEFGHIJ"); s.shuffle(items); print("shuffle A..J:", "".join(items))
print("sample 5 of 100, seed 'demo/invite/North':", sample("demo/invite/North", 100, 5))
print("rfc3797 25 choose 10:", rfc3797(key, 25, 10))
decimal_key = rfc3797_key([["9319.27"], ["0.750"], ["12", "007", "3"]])
print("rfc3797 key with decimals:", decimal_key)
print("rfc3797 25 choose 5 with it:", rfc3797(decimal_key, 25, 5))
