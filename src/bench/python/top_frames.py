#!/usr/bin/env python3
"""The hottest frames of a collapsed-stacks profile (async-profiler's -o collapsed, LoadBenchmark --profile).

    python3 src/bench/python/top_frames.py PROFILE.collapsed [COUNT]

Prints the frames that hold the most samples, on the stack (inclusive) and on top of it (self), in percent,
then the share of the samples whose stack passes through each part of a request's path (a sample can count in
more than one part: a socket write inside the gateway counts for both).
"""
import re
import sys
from collections import Counter

PARTS = [
    ('socket reads', r'NioSocketImpl\.read|SocketInputStream\.read'),
    ('socket writes', r'NioSocketImpl\.write|SocketOutputStream\.write'),
    ('kernel, any', r'_\[k\]'),
    ('Spring Integration gateway and channels', r'integration/gateway/|integration/channel/|integration/dispatcher/'),
    ('message headers and builders', r'MessageHeaders|MessageBuilder|MessageHeaderAccessor'),
    ('Micrometer', r'io/micrometer/'),
    ('socketcore protocol (parse, format)', r'io/socketcore/protocol/'),
    ('socketcore square core', r'io/socketcore/squares/'),
    ('garbage collection', r'G1|GCTaskThread|ConcurrentGCThread'),
    ('JIT compiler', r'CompileBroker|C2Compiler|Compilation::'),
]


def main():
    path = sys.argv[1]
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 15
    total = 0
    inclusive = Counter()
    own = Counter()
    stacks = []
    with open(path) as lines:
        for line in lines:
            stack, samples = line.rsplit(' ', 1)
            samples = int(samples)
            stacks.append((stack, samples))
            frames = stack.split(';')
            total += samples
            own[frames[-1]] += samples
            for frame in set(frames):
                inclusive[frame] += samples
    print(f'{total} samples')
    print('self:')
    for frame, samples in own.most_common(count):
        print(f'  {100 * samples / total:5.1f}%  {frame}')
    print('on the stack (socketcore, Spring, Micrometer, socket I/O):')
    shown = 0
    for frame, samples in inclusive.most_common():
        if any(part in frame for part in ('socketcore', 'springframework', 'micrometer', 'NioSocketImpl')):
            print(f'  {100 * samples / total:5.1f}%  {frame}')
            shown += 1
            if shown == count:
                break
    print('parts of the path:')
    for name, pattern in PARTS:
        regex = re.compile(pattern)
        samples = sum(n for stack, n in stacks if regex.search(stack))
        print(f'  {100 * samples / total:5.1f}%  {name}')


if __name__ == '__main__':
    main()
