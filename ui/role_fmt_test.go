package ui

import (
	"fmt"
	"strconv"
)

func fmtV(x any) string { return fmt.Sprintf("%+v", x) }

func itoa(n int) string { return strconv.Itoa(n) }
