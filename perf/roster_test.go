package perf

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"convene/model"
)

// A roster of distinct people, Kazakh and Russian names in Cyrillic with a
// quarter in Latin: surname, first name and patronymic (Russian -ович/-овна
// or Kazakh -ұлы/-қызы). Every person has a different (surname, first name,
// patronymic), and the words of the three lists never fold to one another,
// so no two people are the same name in any script or word order.
var (
	surnames = strings.Fields("Ахметов Касымов Беков Омаров Исаев Есенгалиев Мамытов Тулегенов Абдрахманов Сулейменов " +
		"Байжанов Кенжебаев Оспанов Жаксылыков Калиев Серикбаев Нурланов Сейтказиев Жумабеков Манжуов Иванов Петров " +
		"Смирнов Кузнецов Попов Соколов Лебедев Новиков Морозов Волков Садыков Рахимов Искаков Бекмуратов Токаев " +
		"Ермеков Абенов Сатпаев Даулетов Жунусов")
	firstMale = strings.Fields("Ерлан Нурлан Бауыржан Дамир Кайрат Серик Ержан Арман Айдос Толеген Ғалым Қанат Асхат Талгат " +
		"Марат Дмитрий Сергей Алексей Игорь Андрей Бекзат Нұрбол Еркебұлан Данияр Руслан Азамат Ринат Мақсат Жандос Олжас")
	firstFemale = strings.Fields("Айгерим Асель Гульнара Жанар Мадина Алия Динара Сауле Ботагоз Ұлжан Гүлнұр Іңкәр Аружан " +
		"Дана Самал Жұлдыз Наталья Елена Ольга Татьяна Светлана Айжан Камила Мөлдір Нұрсұлу Карина Меруерт Салтанат Толкын Балжан")
	fathers = strings.Fields("Ерлан Нурлан Бауыржан Дамир Кайрат Серик Ержан Арман Айдос Толеген Ғалым Қанат Асхат Талгат " +
		"Марат Бекзат Нұрбол Данияр Руслан Азамат Ринат Мақсат Жандос Олжас Болат Ерболат Мурат Нурлыбек Санжар Тимур")
	categories = []string{"government", "law enforcement", "judiciary", "prosecution", "academia", "civil society", "media", "international organization"}
	orgs       = map[string][]string{
		"government":                 {"Akimat of Zhambyl Region", "Аппарат акима г. Тараз", "Department of Justice, Zhambyl Region"},
		"law enforcement":            {"Police Department of Zhambyl Region", "Департамент полиции Жамбылской области"},
		"judiciary":                  {"Zhambyl Regional Court", "Таразский городской суд №2"},
		"prosecution":                {"Prosecutor's Office of Zhambyl Region", "Прокуратура Жамбылской области"},
		"academia":                   {"Taraz State University", "Таразский инновационно-гуманитарный университет"},
		"civil society":              {"Kadyr-Kassiet Public Foundation", "ОО «Правовая инициатива»", "Youth Resource Centre \"Jastar\""},
		"media":                      {"Zhambyl Region TV", "Газета «Знамя труда»"},
		"international organization": {"OSCE Programme Office in Astana", "UNDP Kazakhstan"},
	}
	positions = []string{"specialist", "head of department", "judge", "prosecutor", "lecturer", "lawyer", "journalist", "coordinator", "главный специалист", "заместитель начальника"}
)

// perGender is how many distinct names each gender has.
var perGender = len(surnames) * len(firstMale) * 2 * len(fathers)

// person is the index-th name of a gender: a bijection onto the
// (surname, first name, patronymic) combinations.
func person(female bool, index int) (surname, first, patronymic string) {
	p := index % (2 * len(fathers))
	index /= 2 * len(fathers)
	f := index % len(firstMale)
	s := index / len(firstMale)
	father, kazakh := fathers[p%len(fathers)], p >= len(fathers)
	surname, first = surnames[s], firstMale[f]
	if female {
		surname, first = surname+"а", firstFemale[f]
	}
	switch {
	case kazakh && female:
		patronymic = father + "қызы"
	case kazakh:
		patronymic = father + "ұлы"
	case female:
		patronymic = father + "овна"
	default:
		patronymic = father + "ович"
	}
	return surname, first, patronymic
}

var translit = map[rune]string{'а': "a", 'ә': "a", 'б': "b", 'в': "v", 'г': "g", 'ғ': "g", 'д': "d", 'е': "e", 'ё': "yo", 'ж': "zh", 'з': "z", 'и': "i", 'й': "y", 'к': "k", 'қ': "q", 'л': "l", 'м': "m", 'н': "n", 'ң': "n", 'о': "o", 'ө': "o", 'п': "p", 'р': "r", 'с': "s", 'т': "t", 'у': "u", 'ұ': "u", 'ү': "u", 'ф': "f", 'х': "kh", 'һ': "h", 'ц': "ts", 'ч': "ch", 'ш': "sh", 'щ': "shch", 'ъ': "", 'ы': "y", 'і': "i", 'ь': "", 'э': "e", 'ю': "yu", 'я': "ya"}

func latin(s string) string {
	var b strings.Builder
	upper := true
	for _, r := range s {
		low := []rune(strings.ToLower(string(r)))[0]
		t, ok := translit[low]
		if !ok {
			t = string(r)
		}
		if upper && t != "" {
			t = strings.ToUpper(t[:1]) + t[1:]
		}
		upper = r == ' ' || r == '-'
		b.WriteString(t)
	}
	return b.String()
}

// rosterCSV is a roster of n distinct people as a CSV file, the same for
// the same seed.
func rosterCSV(n int, seed uint64) []byte {
	if n > 2*perGender {
		panic(fmt.Sprintf("rosterCSV: at most %d distinct people", 2*perGender))
	}
	rng := rand.New(rand.NewPCG(seed, 0x636f6e76656e65))
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.UseCRLF = true
	_ = w.Write([]string{"Full name", "Organization", "Position", "Category", "Gender", "Phone", "Email"})
	for i, k := range rng.Perm(2 * perGender)[:n] {
		female := k >= perGender
		sur, first, pat := person(female, k%perGender)
		name := sur + " " + first + " " + pat
		if rng.IntN(4) == 0 {
			name = latin(name)
		}
		cat := categories[rng.IntN(len(categories))]
		gender := "M"
		if female {
			gender = "F"
		}
		phone := fmt.Sprintf("+7 7%02d %03d %02d %02d", rng.IntN(100), rng.IntN(1000), rng.IntN(100), rng.IntN(100))
		email := ""
		if rng.IntN(3) > 0 {
			email = fmt.Sprintf("p%06d@example.kz", i)
		}
		_ = w.Write([]string{name, orgs[cat][rng.IntN(len(orgs[cat]))], positions[rng.IntN(len(positions))], cat, gender, phone, email})
	}
	w.Flush()
	return buf.Bytes()
}

func TestRosterNamesAreDistinct(t *testing.T) {
	// Every person's name key (the import's duplicate check) is their own,
	// in Cyrillic and in Latin.
	owner := map[string]int{}
	var latins []string
	for _, female := range []bool{false, true} {
		for i := range perGender {
			s, f, p := person(female, i)
			name := s + " " + f + " " + p
			key := model.NameKey(name)
			if _, dup := owner[key]; dup {
				t.Fatalf("%q: its name key %q was seen before", name, key)
			}
			owner[key] = len(latins)
			latins = append(latins, latin(name))
		}
	}
	for i, name := range latins {
		if o, ok := owner[model.NameKey(name)]; ok && o != i {
			t.Fatalf("%q has the name key of person %d", name, o)
		}
	}
	if len(owner) < 100_000 {
		t.Fatalf("%d distinct names, want at least 100,000", len(owner))
	}
	got := latin("Жумабекова Ұлжан Ерланқызы")
	if want := "Zhumabekova Ulzhan Erlanqyzy"; got != want {
		t.Errorf("latin = %q, want %q", got, want)
	}
}
