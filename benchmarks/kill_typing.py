"""Type steadily into the real window (no pause long enough for the pause-save), kill -9 at a random
moment, count which typed tokens reached the store. Fixed seed.

Needs an X server and xdotool (Linux):

    Xvfb :55 -screen 0 1366x768x24 &
    yearbook-editor --db /tmp/k/s.db sample
    python benchmarks/kill_typing.py ROUNDS SEED     # env: DISPLAY (default :55), KILL_DB (default /tmp/k/s.db)
"""
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time

rng = random.Random(int(sys.argv[2]) if len(sys.argv) > 2 else 7)
rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 5
env = dict(os.environ, DISPLAY=os.environ.get("DISPLAY", ":55"), QT_QPA_PLATFORM="xcb")
db = os.environ.get("KILL_DB", "/tmp/k/s.db")
total = kept = 0
worst_gap = 0.0
for r in range(rounds):
    p = subprocess.Popen([sys.executable, "-m", "yearbook_editor.gui.app", "--db", db,
                          "--settings", os.path.join(os.path.dirname(db), "settings.ini")], env=env, stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL)
    time.sleep(6)
    subprocess.run(["xdotool", "mousemove", "1000", "300", "click", "1"], env=env)
    time.sleep(0.5)
    subprocess.run(["xdotool", "key", "End"], env=env)
    sent = []
    t_end = time.time() + rng.uniform(2.0, 6.0)
    n = 0
    while time.time() < t_end:
        tok = f"z{r}q{n}j"
        subprocess.run(["xdotool", "type", "--delay", "20", tok], env=env)
        sent.append((tok, time.time()))
        n += 1
        time.sleep(rng.uniform(0.05, 0.3))
    kill_at = time.time()
    os.kill(p.pid, signal.SIGKILL)
    p.wait()
    con = sqlite3.connect(db)  # read only: the store is closed (killed)
    text = "\n".join(t for (t,) in con.execute("SELECT text FROM blocks WHERE deleted = 0"))
    ok = con.execute("PRAGMA integrity_check").fetchone()[0]
    con.close()
    present = [tok in text for tok, _ in sent]
    lost = [(tok, kill_at - t) for (tok, t), pr in zip(sent, present, strict=True) if not pr]
    oldest_lost = max((age for _, age in lost), default=0.0)
    worst_gap = max(worst_gap, oldest_lost)
    total += len(sent)
    kept += sum(present)
    print(f"round {r}: typed {len(sent)} tokens over {sent[-1][1]-sent[0][1]:.1f} s, kept {sum(present)}, "
          f"oldest lost typed {oldest_lost:.2f} s before the kill, integrity {ok}", flush=True)
print(f"TOTAL typed {total}, kept {kept}, oldest lost token typed {worst_gap:.2f} s before a kill")
