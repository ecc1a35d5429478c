import socket, sys, time
port = int(sys.argv[1]); n = int(sys.argv[2]); wait2 = float(sys.argv[3])
conns = []
for i in range(n):
    c = socket.create_connection(("127.0.0.1", port))
    c.sendall(b"GET /robots.txt HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
    c.settimeout(5); buf = b""
    while b"\r\n\r\n" not in buf: buf += c.recv(65536)
    head, _, body = buf.partition(b"\r\n\r\n")
    ln = [int(l.split(b":")[1]) for l in head.split(b"\r\n") if l.lower().startswith(b"content-length")]
    while ln and len(body) < ln[0]: body += c.recv(65536)
    conns.append(c)
def open_count():
    k = 0
    for c in conns:
        c.settimeout(0.05)
        try:
            d = c.recv(1)
            if d == b"": continue
        except socket.timeout:
            k += 1; continue
        except OSError:
            continue
    return k
time.sleep(1)
print(f"{n} idle keep-alive connections: {open_count()} still open after 1 s", end="")
time.sleep(wait2)
print(f", {open_count()} after {wait2+1:.0f} s")
