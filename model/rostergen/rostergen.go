// Package rostergen makes rosters of distinct people for benchmarks and
// the performance harness (perf/): Kazakh and Russian names in Cyrillic with
// a quarter in Latin — surname, first name and patronymic (Russian
// -ович/-овна or Kazakh -ұлы/-қызы) — with organisations, positions,
// categories, genders, phones and e-mails. Every person has a different
// (surname, first name, patronymic), and the words of the three lists never
// fold to one another, so no two people share a name in any script or word
// order. The same seed gives the same roster. Only tests import it.
package rostergen

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"math/rand/v2"
	"strings"

	"convene/model"
)

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

// PerGender is how many distinct names each gender has; Max (twice that)
// is the largest roster.
var (
	PerGender = len(surnames) * len(firstMale) * 2 * len(fathers)
	Max       = 2 * PerGender
)

// Name is the index-th name of a gender: a bijection from [0, PerGender)
// onto the (surname, first name, patronymic) combinations.
func Name(female bool, index int) (surname, first, patronymic string) {
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

// Latin writes a Cyrillic name in Latin letters (as a passport might; not
// convene's folding, so that search has variants to fold).
func Latin(s string) string {
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

// People is a roster of n distinct people (n ≤ Max) in random order, the
// same for the same seed. IDs are "p0", "p1", … and EventID is empty.
func People(n int, seed uint64) []model.Participant {
	if n > Max {
		panic(fmt.Sprintf("rostergen: at most %d distinct people", Max))
	}
	rng := rand.New(rand.NewPCG(seed, 0x636f6e76656e65))
	out := make([]model.Participant, n)
	for i, k := range rng.Perm(Max)[:n] {
		female := k >= PerGender
		sur, first, pat := Name(female, k%PerGender)
		name := sur + " " + first + " " + pat
		if rng.IntN(4) == 0 {
			name = Latin(name)
		}
		cat := categories[rng.IntN(len(categories))]
		gender := model.GenderMale
		if female {
			gender = model.GenderFemale
		}
		phone := fmt.Sprintf("+7 7%02d %03d %02d %02d", rng.IntN(100), rng.IntN(1000), rng.IntN(100), rng.IntN(100))
		email := ""
		if rng.IntN(3) > 0 {
			email = fmt.Sprintf("p%06d@example.kz", i)
		}
		out[i] = model.Participant{
			ID: fmt.Sprintf("p%d", i), FullName: name, Organisation: orgs[cat][rng.IntN(len(orgs[cat]))],
			Position: positions[rng.IntN(len(positions))], Category: cat, Gender: gender, Phone: phone, Email: email,
			Source: model.SourceImported,
		}
	}
	return out
}

// CSV is People(n, seed) as a roster file that `convene import roster`
// reads (a header row, CRLF line ends).
func CSV(n int, seed uint64) []byte {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.UseCRLF = true
	_ = w.Write([]string{"Full name", "Organization", "Position", "Category", "Gender", "Phone", "Email"})
	for _, p := range People(n, seed) {
		g := "M"
		if p.Gender == model.GenderFemale {
			g = "F"
		}
		_ = w.Write([]string{p.FullName, p.Organisation, p.Position, p.Category, g, p.Phone, p.Email})
	}
	w.Flush()
	return buf.Bytes()
}
