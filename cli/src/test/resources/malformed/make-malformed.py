#!/usr/bin/env python3
"""Regenerates the malformed captures in this folder from the sample captures (run from this folder).

Each file is one kind of damage or wrong input; expected.tsv says what drcheck must print and exit with.
"""
import gzip
import os
import struct

SAMPLES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../../../../sample-pcaps")


def sample(name):
    with open(os.path.join(SAMPLES, name), "rb") as f:
        return f.read()


def pcap_records(data):
    """Offsets of the record headers of a little- or big-endian classic pcap."""
    endian = "<" if data[:4] in (b"\xd4\xc3\xb2\xa1", b"\x4d\x3c\xb2\xa1") else ">"
    offsets, off = [], 24
    while off + 16 <= len(data):
        caplen = struct.unpack(endian + "I", data[off + 8:off + 12])[0]
        offsets.append(off)
        off += 16 + caplen
    return endian, offsets


def pcapng_blocks(data):
    """(offset, type, length) of every block of a single-section little-endian pcapng."""
    blocks, off = [], 0
    while off + 8 <= len(data):
        btype, length = struct.unpack("<II", data[off:off + 8])
        blocks.append((off, btype, length))
        off += length
    return blocks


def write(name, data):
    with open(name, "wb") as f:
        f.write(data)


pcap = sample("healthy-rs1-port.pcap")
endian, records = pcap_records(pcap)

write("truncated-file-header.pcap", pcap[:10])
write("truncated-record.pcap", pcap[:records[20] + 16 + 20])
write("bad-magic.pcap", b"\x7fELF" + pcap[4:200])

# caplen above the snap length in the middle: snap length set to 1500, record 20 claims 1600.
data = bytearray(pcap)
struct.pack_into(endian + "I", data, 16, 1500)
struct.pack_into(endian + "II", data, records[20] + 8, 1600, 1600)
write("caplen-over-snaplen.pcap", bytes(data))

# caplen 0xffffffff in the middle: record 20's header claims 4 GiB.
data = bytearray(pcap)
struct.pack_into(endian + "I", data, records[20] + 8, 0xFFFFFFFF)
write("caplen-huge.pcap", bytes(data))

data = bytearray(pcap)
struct.pack_into(endian + "I", data, 20, 160)  # LINKTYPE_USER13: a private link type
write("unknown-link-type.pcap", bytes(data))

write("truncated.pcap.gz", sample("formats/healthy.pcap.gz")[:2000])

pcapng = sample("formats/arp-ignore-rs1.pcapng")
blocks = pcapng_blocks(pcapng)
epbs = [b for b in blocks if b[1] == 6]

# An Enhanced Packet block length that is not a multiple of 4, in the middle: read resumes at the next block.
data = bytearray(pcapng)
struct.pack_into("<I", data, epbs[30][0] + 4, epbs[30][2] + 3)
write("pcapng-bad-block-length.pcapng", bytes(data))

# The last block claims more bytes than the file has: reading stops there.
data = bytearray(pcapng)
struct.pack_into("<I", data, epbs[-1][0] + 4, 200_000)
write("pcapng-block-over-file-size.pcapng", bytes(data))

# A block length of almost 4 GiB in the middle: never an allocation; read resumes at the next valid block.
data = bytearray(pcapng)
struct.pack_into("<I", data, epbs[40][0] + 4, 0xFFFFFFF0)
write("pcapng-block-length-huge.pcapng", bytes(data))

# 300 bytes of garbage over three blocks in the middle: read resumes at the next valid block.
data = bytearray(pcapng)
start = epbs[60][0] + 12
data[start:start + 300] = bytes((i * 37 + 11) & 0xFF for i in range(300))
write("pcapng-damaged-middle.pcapng", bytes(data))

text = sample("text/healthy-rs1-port.txt").splitlines(keepends=True)
garbage = [b"this line is garbage\n", b"\x1b[31mred\x1b[0m \x07 not a packet\n", b"12:00:00.000000 ??? ???\n"]
mixed = text[:10] + garbage + text[10:]
write("text-garbage-lines.txt", b"".join(mixed))
write("text-only-garbage.txt", garbage[0] + garbage[2])
write("empty.pcap", b"")
