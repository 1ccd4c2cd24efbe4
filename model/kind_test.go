package model

import "testing"

func TestGuessItemKind(t *testing.T) {
	tests := []struct {
		title string
		want  ItemKind
		ok    bool
	}{
		{"Регистрация участников", KindBreak, true},
		{"Регистрация", KindBreak, true},
		{"Кофе-брейк", KindBreak, true},
		{"Кофе брейк и нетворкинг", KindBreak, true},
		{"Перерыв", KindBreak, true},
		{"Перерыв на обед", KindMeal, true},
		{"Обеденный перерыв", KindMeal, true},
		{"Обед", KindMeal, true},
		{"Работа в группах: кейсы по статье 14", KindGroupWork, true},
		{"Групповая работа", KindGroupWork, true},
		{"Открытая дискуссия: доступ к правосудию", KindDiscussion, true},
		{"Обсуждение и вопросы", KindDiscussion, true},
		{"Панель: роль прокуратуры", KindPanel, true},
		{"Панельная дискуссия", KindPanel, true},
		{"Открытие семинара", KindOther, true},
		{"Доклад: пытки и ненадлежащее обращение", KindTalk, true},
		{"Registration and welcome coffee", KindBreak, true},
		{"Coffee break", KindBreak, true},
		{"Lunch", KindMeal, true},
		{"Lunch break", KindMeal, true},
		{"Group work: case studies", KindGroupWork, true},
		{"Breakout groups", KindGroupWork, true},
		{"Panel: the role of the bar", KindPanel, true},
		{"Panel discussion", KindPanel, true},
		{"Open discussion", KindDiscussion, true},
		{"Q&A", KindDiscussion, true},
		{"Breakfast", KindMeal, true},
		{"Тіркеу", KindBreak, true},
		{"Қатысушыларды тіркеу", KindBreak, true},
		{"Кофе-брейк", KindBreak, true},
		{"Үзіліс", KindBreak, true},
		{"Түскі ас", KindMeal, true},
		{"Топтық жұмыс", KindGroupWork, true},
		{"Ашық талқылау", KindDiscussion, true},
		{"Семинардың ашылуы", KindOther, true}, // the opening of the seminar
		{"Human rights in criminal procedure", KindTalk, false},
		{"Team building", KindTalk, false}, // "tea" is a whole word only
		{"", KindTalk, false},
	}
	for _, tt := range tests {
		got, ok := GuessItemKind(tt.title)
		if got != tt.want || ok != tt.ok {
			t.Errorf("GuessItemKind(%q) = %q %v, want %q %v", tt.title, got, ok, tt.want, tt.ok)
		}
	}
}
