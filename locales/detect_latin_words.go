package locales

// frenchElisions are the words French shortens before a vowel: c', d', j', l', m',
// n', qu', s', t' ("j'ai", "c'est", "qu'il").
var frenchElisions = setOf(latinKey, "c d j l m n qu s t jusqu lorsqu puisqu quelqu")

// englishContractions are the endings of English contractions ("don't", "I'm", "it's").
var englishContractions = setOf(latinKey, "s t m re ve ll d")

// frenchAccentedWords are French words whose only accent is on the final letter.
var frenchAccentedWords = setOf(func(w string) string { return w }, "à là où voilà déjà çà")

// italianTerms are Italian words people quote whatever language they write in:
// offices, documents, procedures, places, greetings. They are evidence for nothing.
var italianTerms = setOf(latinKey, `questura questure questore permesso permessi soggiorno ricevuta
	ricevute codice fiscale tessera sanitaria carta identità cie comune residenza anagrafe
	anagrafica prefettura commissione territoriale protezione sussidiaria speciale internazionale
	umanitaria temporanea asilo richiesta richiedente domanda ricorso avvocato gratuito patrocinio
	cas sai sprar cara cpr hotspot centro accoglienza inps inail asl ats ulss medico base pronto
	soccorso ospedale guardia medica consultorio patronato caf isee spid poste postale bollettino
	kit marca bollo contratto lavoro affitto ospitalità dichiarazione stato famiglia
	ricongiungimento familiare familiari nulla osta cittadinanza decreto flussi visto assegno
	unico bonus reddito inclusione scuola iscrizione tribunale minorenni minori tutore msna stp
	eni rinnovo conversione motivi studio attesa occupazione cure mediche casi vittime tratta
	dublino sportello immigrazione ufficio piazza viale numero pratica appuntamento impronte
	fotosegnalamento foglio cedolino busta paga naspi disoccupazione impiego cpi tirocinio
	caritas mensa dormitorio italia milano roma torino napoli bologna firenze palermo bari
	catania genova venezia verona trieste bergamo brescia padova lampedusa ventimiglia crotone
	ciao grazie buongiorno buonasera prego scusi scusa si sì`)

// italianGlue are Italian articles and prepositions; they are neutral next to an
// Italian term ("permesso per la famiglia").
var italianGlue = setOf(latinKey, `di del della dello dei degli delle per il lo la le gli i e da dal
	dalla dai in al alla ai nel nella con su a un una uno mio mia`)

// latinLexicon holds frequent English and French words, and words of Dari, Pashto,
// Arabic and Ukrainian as people write them in Latin letters, with weights. Words are
// folded (no accents), so French typed without accents still counts.
var latinLexicon = buildLexicon(latinKey,
	wordList{cFR, 2, `je suis vous nous merci bonjour bonsoir oui cest jai jsuis jsais chui veux voudrais
		peux pouvez besoin comment pourquoi combien beaucoup maintenant demain aujourd medecin
		papiers sejour asile avocat faut quoi parce plait svp bcp tjrs jsp bjr voila deja aidez`},
	wordList{cFR, 1.5, `les des une est sont pas pour avec dans mon mes ton tes cette ces mais donc aussi
		tres bien ai avez avons ont faire etre avoir peut dois doit aide aider demande demander
		enfant enfants femme travail travailler logement dormir hopital quand depuis encore
		toujours chez sans aux leur notre votre moi toi ici cela rien quelque quel quelle
		salut bonne journee soiree soir matin hier moins tout tous recours refugie permis titre carte mtn koi
		bsr slt pk pq ete ca`},
	wordList{cFR, 1, `le la du et ne sur ce qui que ou au ses son sa ta vos nos lui fait mari jour autre
		personne rendez ecole`},
	wordList{cFR, 0.7, `de un en`},
	wordList{cFR, 0.5, `ma non dont`},

	wordList{cEN, 2, `the you what where why how need want please thanks thank because appointment
		lawyer pregnant`},
	wordList{cEN, 1.5, `i and is are am was were been im he she we they my your our their them it this that
		these those when who which does did dont cant can could would should have has had not yes
		to of for with from about help pls plz hello good morning evening night get there here but after
		before still also now already doctor work children child kids wife husband house
		renew expired sleep money wanna gonna whats know find near baby ur thx`},
	wordList{cEN, 1, `do will hi hey an at if or just job his her him any some free go`},
	wordList{cEN, 0.5, `so u us`},

	wordList{cFA, 1.5, `chetor chetori tashakor tashakur tashakkur mekhaham mikhaham mekhayam mekhom
		mikhom hastam astam kujast lotfan mekonam mikonam nadaram daram mesha`},
	wordList{cFA, 1, `khob khub kuja chera mehrabani baleh dari farsi`},
	wordList{cFA, 0.5, `salam salaam slm`},
	wordList{cPS, 1.5, `manana ghwaram ghwarem parkhair pakhair`},
	wordList{cPS, 1, `sanga staray mashay zma staso pashto kawalay wakram`},
	wordList{cPS, 0.3, `salam salaam`},
	wordList{cAR, 1.5, `marhaba marhaban shukran bdi baddi kifak kifik keefak`},
	wordList{cAR, 1, `ahlan ana andi shu shou mish msh ayez ayza ezay wein yalla habibi mafi arabi`},
	wordList{cAR, 0.4, `salam salaam assalamu salamu alaikum aleikum alaykum wallah`},
	wordList{cUK, 1.5, `pryvit privit dyakuyu dyakuju diakuiu budlaska potribno`},
	wordList{cUK, 1, `privet spasibo zdravstvuyte dobryy dobryi shcho ukrainska`},
)
