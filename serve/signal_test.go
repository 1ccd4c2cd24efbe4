package serve

import (
	"net"
	"os"
	"os/signal"
	"syscall"
)

type netAddr = net.Addr

func signalNotify(c chan os.Signal) { signal.Notify(c, syscall.SIGTERM, os.Interrupt) }
