"""The seed's multiprocessing.Pool().map(square, numbers), timed over a million numbers.

Prints the seconds taken by pool.map alone (the pool is started before timing, as it would be
in a long-running service). Usage: python3 bench/pool_map.py [COUNT]
"""
import multiprocessing
import sys
import time


def square(number):
    return number ** 2


if __name__ == '__main__':
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    numbers = range(count)
    with multiprocessing.Pool() as pool:
        pool.map(square, range(1000))  # start the workers before timing
        best = None
        for _ in range(5):
            start = time.perf_counter()
            result = pool.map(square, numbers)
            elapsed = time.perf_counter() - start
            best = elapsed if best is None else min(best, elapsed)
    assert result[-1] == (count - 1) ** 2
    print(f"{best:.4f}")
