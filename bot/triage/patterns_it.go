package triage

// Italian is not a conversation language of Sportello, but people in Italy mix its
// words into every message ("aiuto", "adesso", "permesso", "questura", "mi picchia").
// Its markers join every language's markers, and its rules are checked for every
// message like any other language's.
func itSpec() langSpec {
	return langSpec{
		code:   "it",
		macros: map[string]string{"PAST": `ero|eravamo|sono stat[oa]|prima|gia|venut[oa]|arrivat[oa]|andat[oa]|vissut[oa]|lavorato`},
		markers: map[marker][]string{
			mNowStrong: {`adesso adesso|subito subito|proprio ora|proprio adesso|in questo momento|aiuto aiuto|correte|venite subito|chiamate (?:la )?polizia|chiamate i carabinieri|alla porta|mi sto nascondendo|mi nascondo`},
			mNowWeak:   {`adesso|ora|subito|stanotte|stasera|oggi|ancora|aiuto|aiutatemi|aiutami|urgente|presto|pericolo|ho paura|paura`},
			mPast: {
				`ieri|l ?anno scorso|il mese scorso|la settimana scorsa|anni fa|mesi fa|prima|tante volte|molte volte|spesso|da anni|quando ero|in libia|nel mio paese`,
			},
			mCalm: {
				`permesso|permesso di soggiorno|soggiorno|divorzio|separazione|avvocato|tribunale|denuncia|denunciare|asilo|commissione|intervista|diritti|legge|perdere il|documenti|questura|ricongiungimento`,
			},
			mChildRisk:  {`dormo (?:\S+ )?(?:fuori|in strada|per strada|in stazione|alla stazione|al parco)|per strada|in strada|in stazione|alla stazione|senza casa|senza tetto|non (?:ho|so) dove dormire|perso|persa|fame|stanotte`},
			mAlone:      {`da solo|da sola|solo|sola|senza famiglia|senza genitori|non accompagnat[oa]`},
			mHeld:       {`non mi (?:lasciano|fanno) (?:uscire|andare)|non posso (?:uscire|andare via|scappare)|chius%|rinchius%|prigionier%|costrett%|obbligat%|minacc%|debito|vendut[oa]`},
			mThreat:     {`minacc%|uccid%|ammazz%|mia famiglia|altrimenti`},
			mPregRisk:   {`sangue|sanguin%|contrazioni|doglie|rotto le acque|rottura delle acque|sta partorendo|dolore forte|forti dolori`},
			mSeaCtx:     {`barca|barcone|gommone|nave|mare|guardia costiera`},
			mSeaTrouble: {`acqua|benzina|motore|affonda%|persi|gps|posizione|aiuto|onde|giorni|bambini|incinta`},
		},
		rules: []rule{
			urgent(Sea, present, `(?:barca|barcone|gommone) ~ (?:affonda|sta affondando|imbarca acqua|rotta|rotto|ribaltat%)|stiamo affondando|affondiamo|(?:persone|gente|bambini|uno) ~ in (?:acqua|mare)`),
			urgent(Sea, always, `(?:siamo|sono) ~ in mare|(?:siamo|sono) (?:su|sulla|in) (?:una |la )?(?:barca|gommone)`).needs(mSeaTrouble),
			urgent(Injury, present, `sanguina|sanguinando|perde (?:molto )?sangue|svenut[oa]|incosciente|non (?:respira|riesce a respirare|riesco a respirare)|infarto|ictus|convulsion%|accoltellat[oa]|investit[oa] da una (?:macchina|auto)|sta morendo|overdose`),
			urgent(Injury, present, `incinta`).needs(mPregRisk),
			urgent(Injury, present, `sta partorendo|rotto le acque|contrazioni|doglie`),
			urgent(Injury, present, `(?:chiamate|mandate) (?:l |un )?ambulanza`).notBefore(`come|dove|numero`),
			urgent(Suicide, always, `voglio morire|vorrei morire|mi voglio (?:uccidere|ammazzare)|voglio (?:uccidermi|ammazzarmi|suicidarmi)|mi (?:ammazzo|uccido)|suicid(?:armi|arsi|io)|farla finita|togliermi la vita|stasera (?:\S+ ){0,2}(?:finisco|chiudo) tutto|buttarmi (?:dal|da un|sotto)`).notBefore(`non`),
			urgent(Suicide, always, `non (?:voglio|ho voglia di) (?:piu )?vivere(?: piu)?`).notAfter(`in|qui|con|a`),
			urgent(Trafficking, always, `(?:preso|presi|tolto|tolti|sequestrat%|tengono|tiene|hanno) ~ (?:passaporto|documenti)`).needs(mHeld),
			urgent(Trafficking, always, `(?:chius%|rinchius%|tenut%|tengono) (?:\S+ ){0,2}(?:in casa|nella casa|in una casa|in campagna|nella fattoria|nel campo|in azienda|nel capannone)`),
			urgent(Trafficking, always, `costrett% ~ (?:prostitu%|fare sesso|vendere il corpo)`),
			urgent(Trafficking, always, `costrett% ~ lavorare`).needs(mThreat),
			urgent(Trafficking, present, `non mi (?:lasciano|fanno) (?:uscire|andare)`).needs(mHeld),
			urgent(Violence, present, `(?:mi|ci) (?:picchia|picchiano|sta picchiando|stanno picchiando|colpisce|strangola|violenta|accoltella|aggredisce|aggrediscono|maltratta)`),
			urgent(Violence, present, `(?:mi|ci) (?:vuole|vogliono|sta per|vuol) (?:uccidere|ammazzare)|mi (?:ammazza|uccide|ammazzano|uccidono)|(?:vuole|vogliono) (?:uccidermi|ammazzarmi)`),
			urgent(Violence, present, `chius% (?:\S+ ){0,2}in (?:bagno|camera|stanza|cucina|cantina|macchina)`),
			urgent(Violence, present, `coltello|pistola|arma`).needs(mNowWeak),
			urgent(Violence, present, `(?:sono|siamo) in pericolo`).notAfter(`in|se|nel`),
			urgent(Violence, needNow, `mi (?:ha|hanno) (?:picchiat[oa]|colpit[oa]|violentat[oa]|aggredit[oa]|minacciat[oa])`),
			urgent(Child, always, `(?:ho|sono) {AGE} anni|(?:sono )?minorenne|minore non accompagnat[oa]|msna`).needs(mChildRisk),
			urgent(Child, present, `ho {AGE} anni|(?:sono )?minorenne|minore non accompagnat[oa]`).needs(mAlone),
			urgent(Child, present, `(?:mio|mia|il mio|la mia) (?:figlio|figlia|bambino|bambina) ~ (?:perso|persa|scomparso|scomparsa|sparito|sparita|non torna|non si trova)`),
			escalate(OtherCountry, `(?:andare|vado|andiamo|partire|trasferirmi|trasferirsi|spostarmi|raggiungere|viaggiare|scappare|entrare|arrivare) (?:\S+ )?(?:in |a |nel |nella |verso |per )?(?:{D})`).notIn(`{PAST}`).notBefore(`(?:{PAST})(?: \S+){0,4}`).notAfter(`(?:\S+ ){0,3}(?:{PAST})`),
			escalate(OtherCountry, `(?:asilo|permesso|soldi|lavoro|vivere|vita|casa|sussidi|aiuti|documenti|domanda) ~ (?:in|a) (?:{D})`).notIn(`{PAST}`).notBefore(`(?:{PAST})(?: \S+){0,4}`).notAfter(`(?:\S+ ){0,3}(?:{PAST})`),
			escalate(OtherCountry, `(?:{D}) (?:e )?meglio|meglio (?:in|la) (?:{D})|(?:{D}) o (?:in )?italia`),
			escalate(PersonalCase, `(?:potete|puoi|potresti|potreste|per favore) (?:\S+ )?(?:chiamare|telefonare|contattare|scrivere a) \S+|(?:chiamate|chiamare|telefonate|scrivete) ~~ (?:per me|al posto mio)|prenotatemi|prenotami|mi prenotate|mi prenoti|fissatemi|fissami`),
			escalate(PersonalCase, `(?:scrivete|scrivere|compilate|compilare|fate|fare|preparate) (?:\S+ ){0,3}(?:per me|al posto mio)|(?:vi mando|ti mando|vi invio|vi ho mandato) (?:\S+ )?(?:la |il |una |un )?(?:foto|documento|documenti|decisione|lettera|ricevuta)`),
			escalate(PersonalCase, `(?:controllate|controlla|guardate|verificate|leggete) (?:\S+ )?(?:la mia|il mio|i miei|le mie) (?:pratica|domanda|documenti|documento|ricorso|permesso|foto|decisione)`).notBefore(`come|dove|posso`),
		},
		greet:  []string{"ciao", "buongiorno", "buonasera", "salve", "buon pomeriggio", "come stai", "come va", "tutto bene"},
		thanks: []string{"grazie", "grazie mille", "grazie tante", "ok grazie", "va bene", "perfetto", "capito", "ho capito", "arrivederci", "a presto", "buonanotte"},
		filler: []string{"signore", "signora", "amico", "a tutti", "tutti"},
	}
}
