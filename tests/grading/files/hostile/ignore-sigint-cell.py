# A participant's extra cell: a loop that ignores Ctrl-C (SIGINT), so interrupting fails.
import signal

signal.signal(signal.SIGINT, signal.SIG_IGN)
while True:
    pass
