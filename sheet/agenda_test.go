package sheet

import (
	"errors"
	"strings"
	"testing"

	"convene/model"
)

func TestParseAgenda(t *testing.T) {
	data := "Название;Начало;Конец;Докладчик;Тип;Фикс\r\n" +
		"Открытие;09:00;09:15;Аким;;\r\n" + // 2: kind from the title
		"Кофе-брейк;09:15;09:30;;;\r\n" + // 3: kind from the title
		"Обед;13:00;14:00;;обед;да\r\n" + // 4: pinned to its start
		"Bad;11:15;11:00;;;\r\n" + // 5: ends before start
		";09:00;10:00;;;\r\n" + // 6: no title
		"Weird;09:00;10:00;;karaoke;\r\n" // 7: unknown kind
	a, err := ParseAgenda(cp1251(t, data), Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := []model.AgendaItem{
		{Title: "Открытие", Presenter: "Аким", Kind: model.KindOther, PlannedMinutes: 15}, // "opening" is known: other
		{Title: "Кофе-брейк", Kind: model.KindBreak, PlannedMinutes: 15},
		{Title: "Обед", Kind: model.KindMeal, PlannedMinutes: 60, PinnedStart: "13:00"},
	}
	if len(a.Items) != len(want) {
		t.Fatalf("items = %+v", a.Items)
	}
	for i := range want {
		if a.Items[i] != want[i] {
			t.Errorf("item %d = %+v, want %+v", i, a.Items[i], want[i])
		}
	}
	lines := []int{5, 6, 7}
	for i, r := range a.Rejected {
		if r.Line != lines[i] {
			t.Errorf("rejected %d on line %d, want %d (%s)", i, r.Line, lines[i], r.Reason)
		}
	}
}

func TestParseAgendaMinutesAndRanges(t *testing.T) {
	a, err := ParseAgenda([]byte("Title,Minutes,Time\nA,45,\nB,1:30,\nC,20 min,\nD,,10:00-10:40\nE,lots,\n"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	got := []int{}
	for _, it := range a.Items {
		got = append(got, it.PlannedMinutes)
	}
	if len(got) != 4 || got[0] != 45 || got[1] != 90 || got[2] != 20 || got[3] != 40 {
		t.Errorf("minutes = %v", got)
	}
	if len(a.Rejected) != 1 || !strings.Contains(a.Rejected[0].Reason.String(), "lots") {
		t.Errorf("rejected = %+v", a.Rejected)
	}
	for _, bad := range []string{"Presenter\nX\n", "Title\nX\n", ""} {
		if _, err := ParseAgenda([]byte(bad), Options{}); err == nil {
			t.Errorf("accepted %q", bad)
		}
	}
}

// TestAgendaHeaders covers which header means what: Start with End is a
// start–end pair; Start (Начало, Время начала) with Minutes, or alone, gives
// start times that pin items after a gap; a Fixed column (Фиксировано,
// Фикс.) says itself which items are pinned.
func TestAgendaHeaders(t *testing.T) {
	type item struct {
		title string
		kind  model.ItemKind
		min   int
		pin   string
	}
	tests := []struct {
		name string
		data string
		want []item
	}{
		{"Начало and Конец: a start–end pair; gaps pin", "Название;Начало;Конец\n" +
			"Регистрация участников;09:00;09:30\nДоклад;09:30;10:30\nПанель: роль адвокатуры;10:45;12:00\nПерерыв на обед;13:00;14:00\n",
			[]item{{"Регистрация участников", model.KindBreak, 30, ""}, {"Доклад", model.KindTalk, 60, ""},
				{"Панель: роль адвокатуры", model.KindPanel, 75, "10:45"}, {"Перерыв на обед", model.KindMeal, 60, "13:00"}}},
		{"Время начала with Длительность: gaps pin", "Время начала;Тема;Длительность;Спикер\n" +
			"09:00;Открытие;15;Аким\n09:15;Доклад;45 мин;\n10:00;Кофе-брейк;15;\n13:00;Обед;60;\n",
			[]item{{"Открытие", model.KindOther, 15, ""}, {"Доклад", model.KindTalk, 45, ""},
				{"Кофе-брейк", model.KindBreak, 15, ""}, {"Обед", model.KindMeal, 60, "13:00"}}},
		{"Начало only where pinned", "Название;Мин;Начало\nДоклад;60;\nРабота в группах по кейсам;90;\nОбед;60;13:00\nОткрытая дискуссия;45;\n",
			[]item{{"Доклад", model.KindTalk, 60, ""}, {"Работа в группах по кейсам", model.KindGroupWork, 90, ""},
				{"Обед", model.KindMeal, 60, "13:00"}, {"Открытая дискуссия", model.KindDiscussion, 45, ""}}},
		{"Фиксировано decides, Начало–Конец give durations", "Название;Начало;Конец;Фиксировано\nДоклад;09:00;10:00;\nОбед;13:00;14:00;да\nАвтобус;17:00;17:30;17:15\n",
			[]item{{"Доклад", model.KindTalk, 60, ""}, {"Обед", model.KindMeal, 60, "13:00"}, {"Автобус", model.KindTalk, 30, "17:15"}}},
		{"Фикс. with minutes", "Тема;Минуты;Фикс.\nLunch;60;12:30\nGroup work;90;\n",
			[]item{{"Lunch", model.KindMeal, 60, "12:30"}, {"Group work", model.KindGroupWork, 90, ""}}},
		{"start times alone: each lasts until the next", "Время;Мероприятие\n09:00;Тіркеу\n09:30;Баяндама\n10:30;Үзіліс\n10:45;Топтық жұмыс\n12:00–13:00;Түскі ас\n",
			[]item{{"Тіркеу", model.KindBreak, 30, ""}, {"Баяндама", model.KindTalk, 60, ""}, {"Үзіліс", model.KindBreak, 15, ""},
				{"Топтық жұмыс", model.KindGroupWork, 75, ""}, {"Түскі ас", model.KindMeal, 60, ""}}},
		{"English Start/End with AM/PM and seconds", "Title,Start,End\nKeynote,9:00 AM,9:45:00 AM\nLunch,12:30 PM,1:30 PM\n",
			[]item{{"Keynote", model.KindTalk, 45, ""}, {"Lunch", model.KindMeal, 60, "12:30"}}},
		{"a kind column in words", "Title;Minutes;Kind\nBreak;15;Перерыв на кофе\nBuffet;60;Lunch buffet\n",
			[]item{{"Break", model.KindBreak, 15, ""}, {"Buffet", model.KindMeal, 60, ""}}},
		{"date and time cells", "Title,Start,End\nKeynote,01.12.2026 09:00,01.12.2026 09:45\n",
			[]item{{"Keynote", model.KindTalk, 45, ""}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := ParseAgenda([]byte(tt.data), Options{})
			if err != nil {
				t.Fatal(err)
			}
			if len(a.Rejected) > 0 {
				t.Errorf("rejected %+v", a.Rejected)
			}
			var got []item
			for _, it := range a.Items {
				got = append(got, item{it.Title, it.Kind, it.PlannedMinutes, it.PinnedStart})
			}
			if len(got) != len(tt.want) {
				t.Fatalf("items %+v\nwant %+v", got, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Errorf("item %d = %+v, want %+v", i, got[i], tt.want[i])
				}
			}
		})
	}
}

func TestAgendaRejections(t *testing.T) {
	a, err := ParseAgenda([]byte("Время;Тема;Фикс\n09:00;A;\n08:00;B;\n10:00;C;да\n;D;да\n11:00;E;\n"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		line int
		frag string
	}{{2, "the next item starts at 08:00, not after 09:00"}, {5, "no start time to pin it to"}, {6, "nothing says when it ends"}}
	if len(a.Rejected) != len(want) {
		t.Fatalf("rejected %+v", a.Rejected)
	}
	for i, w := range want {
		if a.Rejected[i].Line != w.line || !strings.Contains(a.Rejected[i].Reason.String(), w.frag) {
			t.Errorf("rejected[%d] = line %d %q, want line %d %q", i, a.Rejected[i].Line, a.Rejected[i].Reason, w.line, w.frag)
		}
	}
}

func TestAgendaReport(t *testing.T) {
	a, err := ParseAgenda([]byte("Программа семинара;;;\nНазвание;Длительность;Начало;Зал;Ответственный\nДоклад;60;;1;X\nОбед;60;13:00;;\nBad;lots;;;\n"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	got := a.Report(testPrinter, 2, true, 10)
	for _, frag := range []string{
		"Read 3 rows (UTF-8, semicolon-separated).",
		"The header is on line 2; 1 line above it (a title) was skipped.",
		"2 items to add, 1 rejected.",
		"  line 5: minutes \"lots\" is not a number of minutes",
		"Pinned to a fixed start: 13:00 Обед",
		"Columns not used: Зал, Ответственный",
	} {
		if !strings.Contains(got, frag) {
			t.Errorf("report lacks %q:\n%s", frag, got)
		}
	}
}

func FuzzParseAgenda(f *testing.F) {
	f.Add([]byte("Title,Minutes\nOpening,15\n"))
	f.Add([]byte("Название;Начало;Конец\nОбед;13:00;14:00\n"))
	f.Add([]byte("Title\tTime\nA\t09:00-09:45\n"))
	f.Add([]byte("Title,Minutes,Fixed\nLunch,60,yes\n"))
	f.Add([]byte("Время;Мероприятие\n09:00;Тіркеу\n09:30;Баяндама\n12:00–13:00;Түскі ас\n"))
	f.Add([]byte("Время начала;Тема;Длительность\n09:00;Открытие;15\n13:00;Обед;60\n"))
	f.Add([]byte("Title,Start,End\nKeynote,9:00 AM,9:45:00 AM\n"))
	for _, h := range hostileSeeds() {
		f.Add(h)
	}
	for _, x := range xlsxSeeds(f) {
		f.Add(x)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		a, err := ParseAgenda(data, Options{})
		if err != nil {
			if !errors.Is(err, ErrNotATable) {
				t.Fatalf("error not wrapped: %v", err)
			}
			return
		}
		for _, it := range a.Items {
			if it.Title == "" || it.PlannedMinutes < 0 || it.PlannedMinutes > 1440 {
				t.Fatalf("bad item %+v", it)
			}
			if strings.ContainsAny(it.Title, "\x1b\x00\n") {
				t.Fatalf("unsafe title %q", it.Title)
			}
		}
	})
}
