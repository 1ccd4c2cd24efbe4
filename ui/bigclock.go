package ui

import "strings"

// glyphs is a 5-row block font for the speaker view's big clock.
var glyphs = map[rune][5]string{
	'0': {"####", "#  #", "#  #", "#  #", "####"},
	'1': {"  # ", " ## ", "  # ", "  # ", " ###"},
	'2': {"####", "   #", "####", "#   ", "####"},
	'3': {"####", "   #", " ###", "   #", "####"},
	'4': {"#  #", "#  #", "####", "   #", "   #"},
	'5': {"####", "#   ", "####", "   #", "####"},
	'6': {"####", "#   ", "####", "#  #", "####"},
	'7': {"####", "   #", "  # ", " #  ", " #  "},
	'8': {"####", "#  #", "####", "#  #", "####"},
	'9': {"####", "#  #", "####", "   #", "####"},
	':': {" ", "#", " ", "#", " "},
	'+': {"   ", " # ", "###", " # ", "   "},
	'-': {"   ", "   ", "###", "   ", "   "},
	' ': {" ", " ", " ", " ", " "},
}

// bigWidth is the width in cells of text drawn at scale k (each font pixel
// is 2k cells wide and k rows tall, one pixel of space between glyphs).
func bigWidth(text string, k int) int {
	w := 0
	for i, r := range text {
		g, ok := glyphs[r]
		if !ok {
			continue
		}
		if i > 0 {
			w++
		}
		w += len(g[0])
	}
	return w * 2 * k
}

// bigScale is the largest scale at which text fits in w×h: kx for width
// (each font pixel 2kx cells wide) and ky for height (ky rows), with ky at
// most 2kx so the digits stay clock-shaped while filling a tall window.
func bigScale(text string, w, h int) (kx, ky int) {
	kx = 1
	for bigWidth(text, kx+1) <= w {
		kx++
	}
	ky = max(1, min(h/5, 2*kx))
	return kx, ky
}

// bigText draws text in block characters: 5·ky rows, pixels 2·kx wide.
func bigText(text string, kx, ky int) []string {
	k := kx
	rows := make([]string, 5*ky)
	for row := range 5 {
		var b strings.Builder
		first := true
		for _, r := range text {
			g, ok := glyphs[r]
			if !ok {
				continue
			}
			if !first {
				b.WriteString(strings.Repeat(" ", 2*k))
			}
			first = false
			for _, px := range g[row] {
				cell := " "
				if px == '#' {
					cell = "█"
				}
				b.WriteString(strings.Repeat(cell, 2*k))
			}
		}
		for j := range ky {
			rows[row*ky+j] = b.String()
		}
	}
	return rows
}
