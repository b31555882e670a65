(define (problem os-sequencedstrips-p80_3)
(:domain openstacks-sequencedstrips-nonADL-nonNegated)
(:objects 
n0 n1 n2 n3 n4 n5 n6 n7 n8 n9 n10 n11 n12 n13 n14 n15 n16 n17 n18 n19 n20 n21 n22 n23 n24 n25 n26 n27 n28 n29 n30 n31 n32 n33 n34 n35 n36 n37 n38 n39 n40 n41 n42 n43 n44 n45 n46 n47 n48 n49 n50 n51 n52 n53 n54 n55 n56 n57 n58 n59 n60 n61 n62 n63 n64 n65 n66 n67 n68 n69 n70 n71 n72 n73 n74 n75 n76 n77 n78 n79 n80  - count
)

(:init
(next-count n0 n1) (next-count n1 n2) (next-count n2 n3) (next-count n3 n4) (next-count n4 n5) (next-count n5 n6) (next-count n6 n7) (next-count n7 n8) (next-count n8 n9) (next-count n9 n10) (next-count n10 n11) (next-count n11 n12) (next-count n12 n13) (next-count n13 n14) (next-count n14 n15) (next-count n15 n16) (next-count n16 n17) (next-count n17 n18) (next-count n18 n19) (next-count n19 n20) (next-count n20 n21) (next-count n21 n22) (next-count n22 n23) (next-count n23 n24) (next-count n24 n25) (next-count n25 n26) (next-count n26 n27) (next-count n27 n28) (next-count n28 n29) (next-count n29 n30) (next-count n30 n31) (next-count n31 n32) (next-count n32 n33) (next-count n33 n34) (next-count n34 n35) (next-count n35 n36) (next-count n36 n37) (next-count n37 n38) (next-count n38 n39) (next-count n39 n40) (next-count n40 n41) (next-count n41 n42) (next-count n42 n43) (next-count n43 n44) (next-count n44 n45) (next-count n45 n46) (next-count n46 n47) (next-count n47 n48) (next-count n48 n49) (next-count n49 n50) (next-count n50 n51) (next-count n51 n52) (next-count n52 n53) (next-count n53 n54) (next-count n54 n55) (next-count n55 n56) (next-count n56 n57) (next-count n57 n58) (next-count n58 n59) (next-count n59 n60) (next-count n60 n61) (next-count n61 n62) (next-count n62 n63) (next-count n63 n64) (next-count n64 n65) (next-count n65 n66) (next-count n66 n67) (next-count n67 n68) (next-count n68 n69) (next-count n69 n70) (next-count n70 n71) (next-count n71 n72) (next-count n72 n73) (next-count n73 n74) (next-count n74 n75) (next-count n75 n76) (next-count n76 n77) (next-count n77 n78) (next-count n78 n79) (next-count n79 n80) 
(stacks-avail n0)

(waiting o1)
(includes o1 p8)(includes o1 p11)(includes o1 p17)

(waiting o2)
(includes o2 p66)(includes o2 p71)

(waiting o3)
(includes o3 p50)

(waiting o4)
(includes o4 p11)(includes o4 p23)(includes o4 p28)

(waiting o5)
(includes o5 p46)(includes o5 p52)

(waiting o6)
(includes o6 p11)(includes o6 p15)(includes o6 p20)(includes o6 p45)

(waiting o7)
(includes o7 p12)(includes o7 p21)(includes o7 p59)

(waiting o8)
(includes o8 p27)(includes o8 p59)(includes o8 p70)

(waiting o9)
(includes o9 p60)

(waiting o10)
(includes o10 p67)

(waiting o11)
(includes o11 p6)(includes o11 p23)(includes o11 p24)

(waiting o12)
(includes o12 p36)(includes o12 p53)

(waiting o13)
(includes o13 p31)

(waiting o14)
(includes o14 p41)(includes o14 p51)(includes o14 p53)(includes o14 p64)

(waiting o15)
(includes o15 p48)(includes o15 p62)

(waiting o16)
(includes o16 p8)(includes o16 p17)(includes o16 p25)(includes o16 p54)

(waiting o17)
(includes o17 p4)

(waiting o18)
(includes o18 p11)(includes o18 p13)(includes o18 p15)

(waiting o19)
(includes o19 p35)(includes o19 p45)(includes o19 p46)

(waiting o20)
(includes o20 p9)(includes o20 p22)(includes o20 p33)(includes o20 p64)

(waiting o21)
(includes o21 p31)

(waiting o22)
(includes o22 p21)(includes o22 p56)

(waiting o23)
(includes o23 p55)(includes o23 p57)(includes o23 p78)

(waiting o24)
(includes o24 p20)(includes o24 p40)(includes o24 p42)

(waiting o25)
(includes o25 p24)(includes o25 p33)(includes o25 p36)

(waiting o26)
(includes o26 p25)(includes o26 p36)(includes o26 p38)(includes o26 p61)

(waiting o27)
(includes o27 p50)(includes o27 p55)

(waiting o28)
(includes o28 p28)(includes o28 p34)(includes o28 p74)

(waiting o29)
(includes o29 p68)

(waiting o30)
(includes o30 p11)

(waiting o31)
(includes o31 p34)(includes o31 p43)(includes o31 p44)(includes o31 p69)(includes o31 p71)

(waiting o32)
(includes o32 p39)(includes o32 p54)(includes o32 p56)(includes o32 p57)

(waiting o33)
(includes o33 p23)

(waiting o34)
(includes o34 p38)

(waiting o35)
(includes o35 p34)(includes o35 p36)(includes o35 p46)(includes o35 p47)(includes o35 p54)

(waiting o36)
(includes o36 p51)(includes o36 p54)(includes o36 p61)

(waiting o37)
(includes o37 p61)

(waiting o38)
(includes o38 p19)(includes o38 p38)(includes o38 p41)(includes o38 p45)(includes o38 p73)

(waiting o39)
(includes o39 p13)(includes o39 p24)(includes o39 p25)(includes o39 p29)

(waiting o40)
(includes o40 p64)

(waiting o41)
(includes o41 p14)

(waiting o42)
(includes o42 p8)(includes o42 p30)

(waiting o43)
(includes o43 p12)(includes o43 p26)

(waiting o44)
(includes o44 p2)(includes o44 p17)(includes o44 p19)(includes o44 p21)

(waiting o45)
(includes o45 p35)

(waiting o46)
(includes o46 p10)(includes o46 p53)(includes o46 p63)

(waiting o47)
(includes o47 p27)

(waiting o48)
(includes o48 p22)(includes o48 p31)(includes o48 p39)(includes o48 p45)

(waiting o49)
(includes o49 p56)

(waiting o50)
(includes o50 p51)(includes o50 p78)

(waiting o51)
(includes o51 p7)(includes o51 p13)

(waiting o52)
(includes o52 p25)(includes o52 p37)(includes o52 p61)(includes o52 p79)

(waiting o53)
(includes o53 p47)(includes o53 p52)(includes o53 p64)(includes o53 p76)

(waiting o54)
(includes o54 p37)(includes o54 p54)

(waiting o55)
(includes o55 p3)(includes o55 p79)

(waiting o56)
(includes o56 p64)

(waiting o57)
(includes o57 p20)(includes o57 p29)(includes o57 p38)(includes o57 p58)

(waiting o58)
(includes o58 p43)(includes o58 p68)(includes o58 p71)

(waiting o59)
(includes o59 p26)(includes o59 p33)

(waiting o60)
(includes o60 p6)

(waiting o61)
(includes o61 p71)

(waiting o62)
(includes o62 p26)(includes o62 p27)(includes o62 p39)(includes o62 p75)

(waiting o63)
(includes o63 p43)(includes o63 p64)

(waiting o64)
(includes o64 p38)(includes o64 p49)(includes o64 p80)

(waiting o65)
(includes o65 p7)

(waiting o66)
(includes o66 p63)(includes o66 p65)(includes o66 p67)

(waiting o67)
(includes o67 p4)(includes o67 p12)(includes o67 p24)(includes o67 p27)(includes o67 p47)

(waiting o68)
(includes o68 p16)(includes o68 p64)(includes o68 p69)(includes o68 p80)

(waiting o69)
(includes o69 p18)(includes o69 p77)

(waiting o70)
(includes o70 p25)

(waiting o71)
(includes o71 p64)(includes o71 p70)

(waiting o72)
(includes o72 p61)

(waiting o73)
(includes o73 p10)(includes o73 p31)(includes o73 p72)

(waiting o74)
(includes o74 p52)(includes o74 p53)(includes o74 p55)

(waiting o75)
(includes o75 p9)(includes o75 p15)(includes o75 p19)

(waiting o76)
(includes o76 p30)

(waiting o77)
(includes o77 p28)

(waiting o78)
(includes o78 p15)(includes o78 p25)(includes o78 p35)(includes o78 p38)

(waiting o79)
(includes o79 p1)(includes o79 p5)(includes o79 p19)(includes o79 p32)(includes o79 p44)(includes o79 p54)

(waiting o80)
(includes o80 p9)(includes o80 p15)

(not-made p1)
(not-made p2)
(not-made p3)
(not-made p4)
(not-made p5)
(not-made p6)
(not-made p7)
(not-made p8)
(not-made p9)
(not-made p10)
(not-made p11)
(not-made p12)
(not-made p13)
(not-made p14)
(not-made p15)
(not-made p16)
(not-made p17)
(not-made p18)
(not-made p19)
(not-made p20)
(not-made p21)
(not-made p22)
(not-made p23)
(not-made p24)
(not-made p25)
(not-made p26)
(not-made p27)
(not-made p28)
(not-made p29)
(not-made p30)
(not-made p31)
(not-made p32)
(not-made p33)
(not-made p34)
(not-made p35)
(not-made p36)
(not-made p37)
(not-made p38)
(not-made p39)
(not-made p40)
(not-made p41)
(not-made p42)
(not-made p43)
(not-made p44)
(not-made p45)
(not-made p46)
(not-made p47)
(not-made p48)
(not-made p49)
(not-made p50)
(not-made p51)
(not-made p52)
(not-made p53)
(not-made p54)
(not-made p55)
(not-made p56)
(not-made p57)
(not-made p58)
(not-made p59)
(not-made p60)
(not-made p61)
(not-made p62)
(not-made p63)
(not-made p64)
(not-made p65)
(not-made p66)
(not-made p67)
(not-made p68)
(not-made p69)
(not-made p70)
(not-made p71)
(not-made p72)
(not-made p73)
(not-made p74)
(not-made p75)
(not-made p76)
(not-made p77)
(not-made p78)
(not-made p79)
(not-made p80)

(= (total-cost) 0)

)

(:goal
(and
(shipped o1)
(shipped o2)
(shipped o3)
(shipped o4)
(shipped o5)
(shipped o6)
(shipped o7)
(shipped o8)
(shipped o9)
(shipped o10)
(shipped o11)
(shipped o12)
(shipped o13)
(shipped o14)
(shipped o15)
(shipped o16)
(shipped o17)
(shipped o18)
(shipped o19)
(shipped o20)
(shipped o21)
(shipped o22)
(shipped o23)
(shipped o24)
(shipped o25)
(shipped o26)
(shipped o27)
(shipped o28)
(shipped o29)
(shipped o30)
(shipped o31)
(shipped o32)
(shipped o33)
(shipped o34)
(shipped o35)
(shipped o36)
(shipped o37)
(shipped o38)
(shipped o39)
(shipped o40)
(shipped o41)
(shipped o42)
(shipped o43)
(shipped o44)
(shipped o45)
(shipped o46)
(shipped o47)
(shipped o48)
(shipped o49)
(shipped o50)
(shipped o51)
(shipped o52)
(shipped o53)
(shipped o54)
(shipped o55)
(shipped o56)
(shipped o57)
(shipped o58)
(shipped o59)
(shipped o60)
(shipped o61)
(shipped o62)
(shipped o63)
(shipped o64)
(shipped o65)
(shipped o66)
(shipped o67)
(shipped o68)
(shipped o69)
(shipped o70)
(shipped o71)
(shipped o72)
(shipped o73)
(shipped o74)
(shipped o75)
(shipped o76)
(shipped o77)
(shipped o78)
(shipped o79)
(shipped o80)
))

(:metric minimize (total-cost))

)

