META
key;value
description;Invented projects for the hierarchical allocation sample (areas of samples/allocation-2026.csv)
country;Nowhere
unit;Sample City
instance;2026
num_projects;10
num_votes;12
budget;20000000
vote_type;approval
rule;greedy
currency;USD
PROJECTS
project_id;cost;votes;name;category
H1;3500000;7;Social housing renovation;housing
H2;2500000;5;Rent support office;housing
H3;1500000;4;Student dormitory;housing
T1;3000000;6;Bus lane on Main Street;transport
T2;2500000;5;Bike network;transport
P1;2000000;6;River park;parks
P2;1500000;3;Street trees;parks
C1;1200000;4;Library extension;culture
C2;900000;3;Open-air cinema;culture
S1;2500000;5;Street lighting;safety
VOTES
voter_id;vote
p01;H1,T1,S1
p02;H2,T2,C1,S1
p03;H1,H3,S1
p04;P1,C1,C2
p05;T1,T2,S1
p06;H1,P1,P2
p07;H1,H2,H3
p08;T1,P1,C1
p09;H1,H2,T2
p10;P1,P2,C2
p11;H1,T1,T2,S1
p12;H2,H3,P1,C1
