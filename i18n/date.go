package i18n

import (
	"strconv"
	"time"
)

// DateStyle is how Printer.Date writes a day.
type DateStyle int

// The date styles, shown for Friday 27 November 2026.
const (
	// DateShort is the header's day: en «Fri 27 Nov», ru «пт, 27 нояб.»,
	// kk «жм, 27 қараша».
	DateShort DateStyle = iota
	// DateDay is a day without the weekday: en «27 Nov», ru «27 нояб.»,
	// kk «27 қараша».
	DateDay
	// DateLong is a day with its year, for reports: en «27 November 2026»,
	// ru «27 ноября 2026 г.», kk «2026 жылғы 27 қараша».
	DateLong
	// DateFull is DateLong with the weekday: en «Friday, 27 November 2026»,
	// ru «пятница, 27 ноября 2026 г.», kk «2026 жылғы 27 қараша, жұма».
	DateFull
)

// calendar holds one language's names of days and months.
type calendar struct {
	weekdays, weekdaysShort [7]string // Sunday first, as time.Weekday
	// months is the name standing alone («ноябрь»), monthsOf the form after
	// a day number («27 ноября»; Kazakh and English do not change),
	// monthsShort the abbreviation used after a day number.
	months, monthsOf, monthsShort [12]string
}

// The names follow the CLDR data for each language (the forms Russian and
// Kazakh system interfaces show); Kazakh writes the full month after a
// day, as official documents do.
var calendars = map[string]*calendar{
	"en": {
		weekdays:      [7]string{"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"},
		weekdaysShort: [7]string{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"},
		months:        [12]string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"},
		monthsOf:      [12]string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"},
		monthsShort:   [12]string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"},
	},
	"ru": {
		weekdays:      [7]string{"воскресенье", "понедельник", "вторник", "среда", "четверг", "пятница", "суббота"},
		weekdaysShort: [7]string{"вс", "пн", "вт", "ср", "чт", "пт", "сб"},
		months:        [12]string{"январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь", "октябрь", "ноябрь", "декабрь"},
		monthsOf:      [12]string{"января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября", "ноября", "декабря"},
		monthsShort:   [12]string{"янв.", "февр.", "мар.", "апр.", "мая", "июн.", "июл.", "авг.", "сент.", "окт.", "нояб.", "дек."},
	},
	"kk": {
		weekdays:      [7]string{"жексенбі", "дүйсенбі", "сейсенбі", "сәрсенбі", "бейсенбі", "жұма", "сенбі"},
		weekdaysShort: [7]string{"жс", "дс", "сс", "ср", "бс", "жм", "сб"},
		months:        [12]string{"қаңтар", "ақпан", "наурыз", "сәуір", "мамыр", "маусым", "шілде", "тамыз", "қыркүйек", "қазан", "қараша", "желтоқсан"},
		monthsOf:      [12]string{"қаңтар", "ақпан", "наурыз", "сәуір", "мамыр", "маусым", "шілде", "тамыз", "қыркүйек", "қазан", "қараша", "желтоқсан"},
		monthsShort:   [12]string{"қаңтар", "ақпан", "наурыз", "сәуір", "мамыр", "маусым", "шілде", "тамыз", "қыркүйек", "қазан", "қараша", "желтоқсан"},
	},
}

func (p Printer) calendar() *calendar {
	if c, ok := calendars[p.Lang()]; ok {
		return c
	}
	return calendars["en"]
}

// Weekday is the name of a day of the week: short «Fri», «пт», «жм», or
// long «Friday», «пятница», «жұма» (lower case in Russian and Kazakh, as
// they write it).
func (p Printer) Weekday(d time.Weekday, short bool) string {
	c := p.calendar()
	if short {
		return c.weekdaysShort[d]
	}
	return c.weekdays[d]
}

// Month is the name of a month standing alone, as in a heading: «November»,
// «ноябрь», «қараша».
func (p Printer) Month(m time.Month) string {
	return p.calendar().months[m-1]
}

// Date writes t's day (in t's location) in the language and style.
func (p Printer) Date(t time.Time, style DateStyle) string {
	c := p.calendar()
	day, year := strconv.Itoa(t.Day()), strconv.Itoa(t.Year())
	m, wd := t.Month()-1, t.Weekday()
	switch p.Lang() {
	case "ru":
		switch style {
		case DateShort:
			return c.weekdaysShort[wd] + ", " + day + " " + c.monthsShort[m]
		case DateDay:
			return day + " " + c.monthsShort[m]
		case DateLong:
			return day + " " + c.monthsOf[m] + " " + year + " г."
		default:
			return c.weekdays[wd] + ", " + day + " " + c.monthsOf[m] + " " + year + " г."
		}
	case "kk":
		switch style {
		case DateShort:
			return c.weekdaysShort[wd] + ", " + day + " " + c.monthsShort[m]
		case DateDay:
			return day + " " + c.monthsShort[m]
		case DateLong:
			return year + " жылғы " + day + " " + c.monthsOf[m]
		default:
			return year + " жылғы " + day + " " + c.monthsOf[m] + ", " + c.weekdays[wd]
		}
	}
	switch style {
	case DateShort:
		return c.weekdaysShort[wd] + " " + day + " " + c.monthsShort[m]
	case DateDay:
		return day + " " + c.monthsShort[m]
	case DateLong:
		return day + " " + c.monthsOf[m] + " " + year
	default:
		return c.weekdays[wd] + ", " + day + " " + c.monthsOf[m] + " " + year
	}
}
