package locales

import (
	"strings"
	"unicode/utf8"
)

// scoreArabic weighs the Arabic-script words of a message for Dari, Pashto and Arabic.
func scoreArabic(toks []token) scores {
	var s scores
	for _, t := range toks {
		if t.script != scriptArabic || t.neutral {
			continue
		}
		s.add(arabicLetterScores(t.text))
		k := arabicKey(t.text)
		s.add(arabicLexicon[k])
		s.add(arabicAffixScores(t.text, k))
	}
	return s
}

// arabicLetters are letters that only some of the languages use. Pashto has its own
// letters; Dari shares پ چ ژ گ with Pashto and writes the Persian ک and ی where Arabic
// writes ك and ي; ة ى إ are Arabic. Urdu and Sorani Kurdish letters point away from
// the languages Sportello speaks.
var arabicLetters = map[rune]scores{
	'ټ': {cPS: 2}, 'ډ': {cPS: 2}, 'ړ': {cPS: 2}, 'ښ': {cPS: 2}, 'ږ': {cPS: 2}, 'ځ': {cPS: 2},
	'څ': {cPS: 2}, 'ڼ': {cPS: 2}, 'ۍ': {cPS: 2}, 'ې': {cPS: 2}, 'ګ': {cPS: 2},

	'پ': {cFA: 0.6, cPS: 0.4}, 'چ': {cFA: 0.6, cPS: 0.4}, 'ژ': {cFA: 0.6, cPS: 0.4},
	'گ': {cFA: 0.8, cPS: 0.2}, 'ک': {cFA: 0.25, cPS: 0.15}, 'ی': {cFA: 0.25, cPS: 0.15},
	'ۀ': {cFA: 1}, 'آ': {cFA: 0.3, cPS: 0.1},

	'ك': {cAR: 0.6}, 'ي': {cAR: 0.3, cPS: 0.15}, 'ة': {cAR: 1.2}, 'ى': {cAR: 0.8},
	'إ': {cAR: 1}, 'أ': {cAR: 0.6}, 'ؤ': {cAR: 0.6}, 'ئ': {cPS: 0.3, cAR: 0.2},

	'ٹ': {cOther: 2}, 'ڈ': {cOther: 2}, 'ڑ': {cOther: 2}, 'ں': {cOther: 2}, 'ے': {cOther: 2},
	'ۓ': {cOther: 2}, 'ہ': {cOther: 2}, 'ۃ': {cOther: 2}, 'ھ': {cOther: 1},
	'ە': {cOther: 2}, 'ێ': {cOther: 2}, 'ۆ': {cOther: 2}, 'ڵ': {cOther: 2}, 'ڕ': {cOther: 2},
}

// arabicLetterScores sums the letter evidence of one word.
func arabicLetterScores(w string) scores {
	var s scores
	for _, r := range w {
		s.add(arabicLetters[r])
	}
	return s
}

// arabicFold maps spelling variants to one form for word look-up: Arabic and Persian
// yeh and kaf, ta marbuta and heh, hamza seats on alef, and the Pashto retroflex
// letters that people on a Dari keyboard type without their ring (غواړم → غوارم).
// آ, ې and ۍ are kept: folding them would merge Dari آن with Arabic أن, and the
// Pashto مې with the Dari می.
var arabicFold = strings.NewReplacer(
	"ي", "ی", "ى", "ی", "ك", "ک", "ة", "ه", "ۀ", "ه",
	"أ", "ا", "إ", "ا", "ٱ", "ا",
	"ګ", "گ", "ړ", "ر", "ډ", "د", "ټ", "ت", "ڼ", "ن",
)

// arabicKey is the look-up form of an Arabic-script word.
func arabicKey(w string) string { return arabicFold.Replace(w) }

// arabicAffixScores weighs prefixes: the Arabic article (الـ, بالـ, والـ, للـ …) and
// the Dari present-tense prefix می / نمی.
func arabicAffixScores(raw, key string) scores {
	var s scores
	if hasArabicArticle(key) {
		s[cAR] += 1.2
	}
	for _, p := range []string{"نمی", "می"} {
		if strings.HasPrefix(raw, p) && utf8.RuneCountInString(raw) >= utf8.RuneCountInString(p)+3 && !notDariVerb[key] {
			s[cFA]++
			break
		}
	}
	return s
}

// hasArabicArticle reports whether a folded word starts with the Arabic article,
// possibly after a one-letter proclitic, followed by at least three letters.
func hasArabicArticle(key string) bool {
	if arabicArticleExceptions[key] {
		return false
	}
	for _, p := range []string{"ال", "وال", "بال", "فال", "کال", "لل"} {
		if strings.HasPrefix(key, p) && utf8.RuneCountInString(key) >= utf8.RuneCountInString(p)+3 {
			return true
		}
	}
	return false
}

// arabicArticleExceptions start with ال but are everyday Dari or Pashto words.
var arabicArticleExceptions = setOf(arabicKey,
	"البته الکترونیک الکترونیکی الگو البسه الماری الوتکه الوتکې الوتل الهام الحمدلله الحمد السلام",
)

// notDariVerb are words starting with می that are not Dari verbs, several of them Pashto.
var notDariVerb = setOf(arabicKey,
	"میاشت میاشتې میړه میړونه مینه میلمه میلمانه میز میوه میوې میلیون میدان میان میراث میخ میلاد میزان",
)

// setOf returns the set of words (space separated), each passed through key.
func setOf(key func(string) string, words string) map[string]bool {
	set := make(map[string]bool)
	for _, w := range strings.Fields(words) {
		set[key(w)] = true
	}
	return set
}

// arabicLexicon holds frequent words of Pashto, Dari and Arabic (standard and
// dialects), with weights. Words shared by two languages appear in both lists.
var arabicLexicon = buildLexicon(arabicKey,
	// Pashto: function words, pronouns, common verbs, with and without Pashto letters.
	wordList{cPS, 2, `د په زه کې چې غواړم غواړئ غواړو غواړي وکړم وکړئ وکړو وکړي کړم کړئ کړې
		یاست یې مې ده شته نشته څه څنګه چېرته څوک زما ستاسو ستاسې زموږ زمونږ ستا هغه دغه دلته
		هلته لپاره څخه مننه ډېر ډېره ښه اوس لرم لرئ لرو نشم نشي کولی کولای راغلی راغلې راغلم
		راغلي شوی شوې یوازې ماشوم ماشومان ښځه ښځې هېواد پوښتنه ځای ولې ووایئ ووایاست ولیکئ
		ولېږئ وګورئ ځم ځو ځي درته راته مهرباني غوارم غوارئ وکرم ستونزه اړتیا خبرې ورکړئ پخیر
		سهار ماښام مرسته مرستې ناروغ روغتیا ښوونځی ښوونځي کاغذونه`},
	wordList{cPS, 1.2, `یم دی دي شي وي سره ته نو هو یو څو تر له ورته کوي کوم کومه ترڅو خلک کور
		پیسې ډوډۍ روغتون وو وه ټول کار ورکوي کوو کوئ وایي وویل`},
	wordList{cPS, 1, `او شو وی`},
	wordList{cPS, 0.6, `کی چی خو مو ایا آیا تشکر ما شی تا پر سوال`},
	wordList{cPS, 0.3, `سلام`},

	// Dari: verbs and particles Pashto and Arabic do not use, Afghan words (تشکر، بلی،
	// داکتر، مکتب، اولاد، پیسه، استم).
	wordList{cFA, 2, `است هستم هستی هستید هستیم هستند نیست نیستم را می نمی میخواهم میخوام میخواستم
		میتوانم میتانم نمیتوانم نمیتانم میشود میشه نمیشه نمیشود میکنم میکنید کنم کنید کنیم کردم
		کرده کردن بکنم دارم داری دارید داریم ندارم نداریم ندارد نداره داره چطور چطو چگونه کجا
		کجاست چرا باید شما برای اگر بسیار خیلی ممنون مرسی لطفا استم استین بلی نخیر خواهم
		خواهید توانم تانم شده بودم گفتند گفت بروم برم بریم میروم میرم اینجا آنجا اونجا چیزی
		کسی وقتی همراه`},
	wordList{cFA, 1.5, `از با یک همه خانه تشکر داکتر پیسه آن آنها اونها ایشان بود شد هست چیست
		خود خودم خوب حالا سوال سوالم بخیر شفاخانه درخواست پناهندگی`},
	wordList{cFA, 1.2, `به در این چه کار پول مکتب اولاد فعلا کمک`},
	wordList{cFA, 1, `که چی ایا آیا ما خانم طفل یا کدام چند دیر تا صبح`},
	wordList{cFA, 0.8, `من و او کی کم بعد قبل`},
	wordList{cFA, 0.5, `ممکن کل`},
	wordList{cFA, 0.5, `سلام جان`},

	// Arabic: standard function words and dialect words (Levantine, Egyptian, Gulf,
	// Iraqi, Maghrebi, Sudanese).
	wordList{cAR, 2, `في إلى الى عن انا أنا انت أنت هل ماذا لماذا متى كيف كيفك هذا هذه ذلك تلك
		التي الذي الذين اريد أريد بدي بدك بدنا عندي عندك عندنا لدي ليس ليست لست لم لن قد كان كانت
		يكون مرحبا شكرا أهلا نعم ايش إيش شنو شلون ليش وين فين مش مافي مفيش عايز عاوز ازاي
		دلوقتي كده هلق هلأ هيك اللي بغيت واش ديال بزاف كيفاش علاش أبغى ابغى ابي وش يعني لأن لان
		لكن يمكن يمكنني أستطيع استطيع أقدر اقدر نقدر أعرف اعرف مساعدة سؤال زوجتي زوجي اولادي
		أطفال اطفال طفلي ابني بنتي نحن احنا إحنا هاد هادا كتير كثير منيح كويس رح عم إذا اذا
		لو ولا داير عشان علشان`},
	wordList{cAR, 1.5, `ان أن إن انه أنه مع لا ایه شي`},
	wordList{cAR, 1.2, `على صباح مساء مستشفى طبيب إقامة لجوء شغل`},
	wordList{cAR, 1.2, `شو هو هي`},
	wordList{cAR, 0.8, `من ما كل بعد و مكتب طفل يا`},
	wordList{cAR, 0.5, `مو به او اولاد حالا فعلا ممكن`},
	wordList{cAR, 0.4, `سلام`},
	wordList{cAR, 0.3, `این کیف`},

	// Urdu, which Sportello does not speak: its commonest words.
	wordList{cOther, 2, `ہے ہیں نہیں میں آپ مجھے ہوں کیا ہم کے لیے`},
)
